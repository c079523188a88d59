package dev.latchkey.auth.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.SampleAccounts;
import dev.latchkey.auth.client.ClientDefinition;
import dev.latchkey.auth.client.ClientRegistrations;
import dev.latchkey.auth.client.SampleClients;
import dev.latchkey.auth.keys.SigningKeyDetails;
import dev.latchkey.auth.keys.SigningKeyState;
import dev.latchkey.auth.keys.SigningKeys;
import dev.latchkey.auth.lockout.GuessingProtection;
import org.flywaydb.core.Flyway;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Service;

/**
 * The pre-deployment check: each thing production needs, checked against this
 * configuration and database, with the fix for each that fails.
 */
@Service
public class Preflight {

	static final Duration SECRET_MAX_AGE = Duration.ofDays(90);

	private final Environment environment;

	private final Flyway flyway;

	private final SigningKeys keys;

	private final Accounts accounts;

	private final ClientRegistrations clients;

	private final GuessingProtection guessing;

	private final Clock clock;

	Preflight(Environment environment, Flyway flyway, SigningKeys keys, Accounts accounts, ClientRegistrations clients,
			GuessingProtection guessing, Clock clock) {
		this.environment = environment;
		this.flyway = flyway;
		this.keys = keys;
		this.accounts = accounts;
		this.clients = clients;
		this.guessing = guessing;
		this.clock = clock;
	}

	/**
	 * Runs every check.
	 * @return the outcomes, in a stable order
	 */
	public List<Check> run() {
		List<Check> checks = new ArrayList<>();
		checks.add(issuer());
		checks.add(migrated());
		checks.add(signingKeys());
		checks.add(sampleData());
		checks.add(sampleSecrets());
		checks.add(https());
		checks.add(guessing());
		checks.add(mail());
		checks.add(secretAges());
		return checks;
	}

	private Check issuer() {
		String issuer = this.environment.getProperty("latchkey.issuer", "");
		return issuer.startsWith("https://") ? Check.pass("issuer is https: " + issuer)
				: Check.fail("issuer is not https (" + (issuer.isBlank() ? "unset" : issuer) + ")",
						"set LATCHKEY_ISSUER to the public https URL of this server");
	}

	private Check migrated() {
		int pending = this.flyway.info().pending().length;
		return (pending == 0)
				? Check.pass("database reachable and at schema version " + SchemaCommands.version(this.flyway))
				: Check.fail("database has " + pending + " pending migrations", "run `admin migrate`");
	}

	private Check signingKeys() {
		List<SigningKeyDetails> all = this.keys.list();
		List<SigningKeyDetails> active = all.stream().filter((k) -> k.state() == SigningKeyState.ACTIVE).toList();
		Duration rotation = DurationStyle
			.detectAndParse(this.environment.getProperty("latchkey.keys.rotation-period", "30d"));
		Instant now = this.clock.instant();
		List<String> overdue = active.stream()
			.filter((k) -> k.activatesAt().plus(rotation).isBefore(now))
			.map((k) -> k.algorithm() + " " + k.kid())
			.toList();
		if (active.size() < 2) {
			return Check.fail("an algorithm has no active signing key",
					"start the server once, or `admin keys rotate --force`");
		}
		return overdue.isEmpty()
				? Check.pass("key-encryption key opens the keys; " + active.size() + " active signing keys, "
						+ "none older than the rotation period (" + rotation.toDays() + " days)")
				: Check.fail("signing keys older than the rotation period: " + String.join(", ", overdue),
						"check that the rotation schedule runs; `admin keys rotate --force` signs with a new key now");
	}

	private Check sampleData() {
		List<String> found = new ArrayList<>();
		for (NewAccount sample : SampleAccounts.SAMPLES) {
			this.accounts.findByEmail(sample.email()).ifPresent((account) -> found.add(account.email()));
		}
		Set<String> sampleClientIds = SampleClients.SAMPLES.stream()
			.map(ClientDefinition::clientId)
			.collect(Collectors.toSet());
		this.clients.findAll()
			.stream()
			.map(RegisteredClient::getClientId)
			.filter(sampleClientIds::contains)
			.forEach(found::add);
		boolean enabled = this.environment.getProperty("latchkey.dev.sample-data", Boolean.class, false);
		if (found.isEmpty() && !enabled) {
			return Check.pass("no sample data");
		}
		return Check.fail("sample data present: " + (enabled ? "latchkey.dev.sample-data is on; " : "")
				+ String.join(", ", found), "turn sample data off and delete these users and clients");
	}

	private Check sampleSecrets() {
		List<String> weak = new ArrayList<>();
		for (RegisteredClient client : this.clients.findAll()) {
			for (ClientDefinition sample : SampleClients.SAMPLES) {
				if (sample.secret() != null && this.clients.hasSecret(client, sample.secret())) {
					weak.add(client.getClientId());
				}
			}
		}
		return weak.isEmpty() ? Check.pass("no client uses a published sample secret") : Check
			.fail("clients with a published sample secret: " + String.join(", ", weak), "rotate their secrets");
	}

	private Check https() {
		boolean required = this.environment.getProperty("latchkey.http.require-https", Boolean.class, true);
		return required ? Check.pass("plain HTTP is redirected to https, HSTS sent on https responses")
				: Check.fail("latchkey.http.require-https is off", "remove the setting (it is on by default)");
	}

	private Check guessing() {
		List<String> weaknesses = this.guessing.weaknesses();
		return weaknesses.isEmpty() ? Check.pass("rate limits and lockout on: " + this.guessing.summary())
				: Check.fail("rate limits or lockout off or too lax: " + String.join("; ", weaknesses),
						"remove these settings to get the defaults (README, \"Lockout and rate limits\")");
	}

	private Check mail() {
		String host = this.environment.getProperty("spring.mail.host", "");
		return host.isBlank() ? Check.fail("no mail server: reset and lockout mails would wait forever",
				"set SPRING_MAIL_HOST (and _PORT, _USERNAME, _PASSWORD)") : Check.pass("mail server " + host);
	}

	private Check secretAges() {
		Instant limit = this.clock.instant().minus(SECRET_MAX_AGE);
		List<String> old = this.clients.findAll()
			.stream()
			.filter((c) -> c.getClientSecret() != null && c.getClientIdIssuedAt() != null
					&& c.getClientIdIssuedAt().isBefore(limit))
			.map(RegisteredClient::getClientId)
			.toList();
		return old.isEmpty() ? Check.pass("no client secret older than 90 days")
				: Check.fail("client secrets older than 90 days: " + String.join(", ", old),
						"rotate them (the security guide asks for rotation at least every 90 days)");
	}

	/**
	 * One check's outcome.
	 *
	 * @param passed whether it passed
	 * @param what what was found
	 * @param fix what to do when it failed
	 */
	public record Check(boolean passed, String what, String fix) {

		static Check pass(String what) {
			return new Check(true, what, "");
		}

		static Check fail(String what, String fix) {
			return new Check(false, what, fix);
		}

	}

}
