package dev.latchkey.auth.lockout;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.client.ClientDefinition;
import dev.latchkey.auth.client.ClientRegistrations;
import dev.latchkey.auth.lockout.LockoutCluster.Account;
import org.junit.jupiter.api.Test;

import static dev.latchkey.auth.lockout.LockoutCluster.PASSWORD;
import static dev.latchkey.auth.lockout.LockoutCluster.clock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits with the shipped settings, over real HTTP: 429 with
 * {@code Retry-After}, the error page for people and an OAuth error for clients; an
 * unknown email is limited like a known one; successful sign-ins do not count; the
 * counters are purged once their window has passed.
 */
class RateLimitTests {

	static final String WRONG = "Wrong-Password-99!";

	static final String SECRET = "rate-limit-client-secret";

	private final LockoutNode node = LockoutCluster.a();

	@Test
	void signInWhenTenFailuresForOneEmailFromOneAddressThen429UntilWindowEnds() {
		Account account = LockoutCluster.newAccount("limited");
		Visitor attacker = this.node.visitor(Visitor.randomAddress());
		for (int i = 0; i < 10; i++) {
			assertThat(Visitor.refusedAsWrongPassword(attacker.signIn(account.email(), WRONG))).isTrue();
		}
		double rejectionsBefore = rejections("sign-in-per-account-and-address");
		HttpResponse<String> limited = attacker.signIn(account.email(), PASSWORD);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("900");
		assertThat(limited.body()).contains("Too many attempts").contains("Try again in 15 minutes.");
		assertThat(rejections("sign-in-per-account-and-address") - rejectionsBefore).isEqualTo(1);
		assertThat(this.node.events(RateLimitExceeded.class)).last().satisfies((event) -> {
			assertThat(event.limit()).isEqualTo("sign-in-per-account-and-address");
			assertThat(event.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
		});

		Visitor german = this.node.visitor(attacker.address()).speaking("de");
		assertThat(german.signIn(account.email(), WRONG).body()).contains("Versuchen Sie es in 15 Minuten erneut.");
		assertThat(this.node.visitor(Visitor.randomAddress()).signIn(account.email(), WRONG).statusCode())
			.as("from another address")
			.isEqualTo(302);
		clock.advance(Duration.ofMinutes(14));
		assertThat(attacker.signIn(account.email(), WRONG).headers().firstValue("Retry-After")).hasValue("60");
		clock.advance(Duration.ofMinutes(1));
		assertThat(attacker.signIn(account.email(), WRONG).statusCode()).as("in the next window").isEqualTo(302);
	}

	@Test
	void signInWhenEmailUnknownThenNoAccountStateButLimitedLikeAKnownOne() {
		String unknown = "nobody-" + UUID.randomUUID() + "@example.test";
		Integer rowsBefore = lockoutRows();
		Visitor attacker = this.node.visitor(Visitor.randomAddress());
		for (int i = 0; i < 10; i++) {
			assertThat(Visitor.refusedAsWrongPassword(attacker.signIn(unknown, WRONG))).isTrue();
		}
		assertThat(lockoutRows()).as("no account state for an unknown email").isEqualTo(rowsBefore);
		HttpResponse<String> limited = attacker.signIn(unknown, WRONG);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("900");
		assertThat(this.node.events(SignInFailed.class)).last()
			.satisfies((event) -> assertThat(event.reason()).isEqualTo(SignInFailed.Reason.UNKNOWN_ACCOUNT));
	}

	@Test
	void signInWhenSuccessfulThenNotCounted() {
		Account account = LockoutCluster.newAccount("regular");
		Visitor person = this.node.visitor(Visitor.randomAddress());
		for (int i = 0; i < 15; i++) {
			assertThat(Visitor.succeeded(person.signIn(account.email(), PASSWORD))).as("sign-in %d", i + 1).isTrue();
		}
	}

	@Test
	void signInWhenHundredFailuresFromOneAddressThen429ForAnyEmail() {
		Visitor attacker = this.node.visitor(Visitor.randomAddress());
		String run = UUID.randomUUID().toString();
		for (int i = 0; i < 100; i++) {
			// Credential stuffing: another email each time.
			assertThat(attacker.signIn("victim-" + i + "-" + run + "@example.test", WRONG).statusCode())
				.as("attempt %d", i + 1)
				.isEqualTo(302);
		}
		HttpResponse<String> limited = attacker.signIn("victim-100-" + run + "@example.test", WRONG);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(this.node.events(RateLimitExceeded.class)).last()
			.satisfies((event) -> assertThat(event.limit()).isEqualTo("sign-in-per-address"));
	}

	@Test
	void forgotPasswordWhenSixthRequestForOneEmailThen429WhetherOrNotItHasAnAccount() {
		Account account = LockoutCluster.newAccount("forgot");
		String unknown = "nobody-" + UUID.randomUUID() + "@example.test";
		Visitor person = this.node.visitor(Visitor.randomAddress());
		for (String email : List.of(account.email(), unknown)) {
			for (int i = 0; i < 5; i++) {
				assertThat(forgot(person, email).statusCode()).isEqualTo(200);
			}
			HttpResponse<String> limited = forgot(person, email);
			assertThat(limited.statusCode()).as(email).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).hasValue("900");
			assertThat(limited.body()).contains("Too many attempts");
		}
		assertThat(forgot(this.node.visitor(Visitor.randomAddress()), account.email()).statusCode())
			.as("from another address")
			.isEqualTo(200);
	}

	@Test
	void forgotPasswordWhenThirtyRequestsFromOneAddressThen429() {
		Visitor person = this.node.visitor(Visitor.randomAddress());
		for (int i = 0; i < 30; i++) {
			assertThat(forgot(person, "someone-" + i + "@example.test").statusCode()).isEqualTo(200);
		}
		assertThat(forgot(person, "someone-else@example.test").statusCode()).isEqualTo(429);
	}

	@Test
	void tokenWhenOverLimitPerClientAndAddressThen429WithOAuthError() {
		Visitor service = this.node.visitor(Visitor.randomAddress());
		String basic = basic("demo-service", "demo-service-secret");
		Map<String, String> unsupported = Map.of("grant_type", "urn:example:unsupported");
		for (int i = 0; i < 300; i++) {
			assertThat(service.postAsClient("/oauth2/token", basic, unsupported).statusCode()).isEqualTo(400);
		}
		HttpResponse<String> limited = service.postAsClient("/oauth2/token", basic,
				Map.of("grant_type", "client_credentials", "scope", "documents.read"));
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
		assertThat(limited.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(limited.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(limited.body()).startsWith("{\"error\":\"slow_down\",\"error_description\":");
		assertThat(service
			.postAsClient("/oauth2/token", basic("demo-web", "demo-web-secret"),
					Map.of("grant_type", "client_credentials"))
			.statusCode()).as("another client from the same address").isNotEqualTo(429);
		clock.advance(Duration.ofMinutes(1));
		assertThat(service
			.postAsClient("/oauth2/token", basic, Map.of("grant_type", "client_credentials", "scope", "documents.read"))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenOverLimitPerAddressThen429() {
		Visitor address = this.node.visitor(Visitor.randomAddress());
		for (int i = 0; i < 600; i++) {
			assertThat(address
				.postAsClient("/oauth2/token", basic("unknown-" + i, "x"), Map.of("grant_type", "client_credentials"))
				.statusCode()).isEqualTo(401);
		}
		HttpResponse<String> limited = address.postAsClient("/oauth2/token",
				basic("demo-service", "demo-service-secret"), Map.of("grant_type", "client_credentials"));
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.body()).contains("\"error\":\"slow_down\"");
	}

	@Test
	void clientAuthenticationWhenTwentyFailuresThenClientRefusedEverywhereUntilWindowEnds() {
		String clientId = "rate-limit-" + UUID.randomUUID();
		this.node.bean(ClientRegistrations.class)
			.ensure(new ClientDefinition(clientId, "Rate limit test", SECRET, Set.of("client_credentials"), List.of(),
					List.of(), Set.of("documents.read"), false));
		Map<String, String> grant = Map.of("grant_type", "client_credentials", "scope", "documents.read");
		for (int i = 0; i < 20; i++) {
			// From all over the world: the count is per client.
			assertThat(this.node.visitor(Visitor.randomAddress())
				.postAsClient("/oauth2/token", basic(clientId, "guess-" + i), grant)
				.statusCode()).isEqualTo(401);
		}
		Visitor owner = this.node.visitor(Visitor.randomAddress());
		HttpResponse<String> limited = owner.postAsClient("/oauth2/token", basic(clientId, SECRET), grant);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.body()).contains("\"error\":\"slow_down\"");
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("900");
		assertThat(owner.postAsClient("/oauth2/introspect", basic(clientId, SECRET), Map.of("token", "x")).statusCode())
			.as("introspection authenticates the same client")
			.isEqualTo(429);
		assertThat(
				owner.postAsClient("/oauth2/token", basic("demo-service", "demo-service-secret"), grant).statusCode())
			.isEqualTo(200);
		clock.advance(Duration.ofMinutes(15));
		assertThat(owner.postAsClient("/oauth2/token", basic(clientId, SECRET), grant).statusCode()).isEqualTo(200);
	}

	@Test
	void purgeWhenWindowsPassedThenCountersDeleted() {
		this.node.visitor(Visitor.randomAddress()).signIn("nobody-" + UUID.randomUUID() + "@example.test", WRONG);
		assertThat(counters()).isPositive();
		clock.advance(Duration.ofMinutes(15));
		int deleted = this.node.bean(RateLimits.class).purge(clock.instant());
		assertThat(deleted).isPositive();
		assertThat(counters()).isZero();
	}

	@Test
	void metricsWhenRecordedThenTaggedWithoutUserData() {
		Account account = LockoutCluster.newAccount("metrics");
		Visitor attacker = this.node.visitor(Visitor.randomAddress());
		for (int i = 0; i < 11; i++) {
			attacker.signIn(account.email(), WRONG);
		}
		Pattern userData = Pattern.compile(".*(@|\\d+\\.\\d+\\.\\d+\\.\\d+|[0-9a-f]{8}-[0-9a-f]{4}).*");
		List<Meter> meters = this.node.bean(MeterRegistry.class)
			.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("latchkey.sign")
					|| meter.getId().getName().startsWith("latchkey.lockouts")
					|| meter.getId().getName().startsWith("latchkey.unlocks")
					|| meter.getId().getName().startsWith("latchkey.rate"))
			.toList();
		assertThat(meters).extracting((meter) -> meter.getId().getName())
			.contains(LockoutMetrics.SIGN_INS, LockoutMetrics.FAILURES, LockoutMetrics.LOCKOUTS, LockoutMetrics.UNLOCKS,
					LockoutMetrics.REJECTIONS);
		assertThat(meters).flatExtracting((meter) -> meter.getId().getTags())
			.extracting(Tag::getValue)
			.noneMatch((value) -> userData.matcher(value).matches());
		assertThat(
				this.node.bean(MeterRegistry.class).get(LockoutMetrics.LOCKOUTS).tag("until", "time").counter().count())
			.isPositive();
		String scrape = this.node.visitor(Visitor.randomAddress()).get("/actuator/prometheus", "text/plain").body();
		assertThat(scrape).contains("latchkey_sign_in_failures_total{")
			.contains("latchkey_rate_limit_rejections_total{")
			.doesNotContain(account.email());
	}

	private HttpResponse<String> forgot(Visitor person, String email) {
		String csrf = TestBrowser.csrfToken(person.get("/forgot-password").body());
		return person.post("/forgot-password", Map.of("email", email, "_csrf", csrf));
	}

	private double rejections(String limit) {
		return this.node.bean(MeterRegistry.class).get(LockoutMetrics.REJECTIONS).tag("limit", limit).counter().count();
	}

	private Integer lockoutRows() {
		return this.node.jdbc().queryForObject("SELECT count(*) FROM account_lockout", Integer.class);
	}

	private Integer counters() {
		return this.node.jdbc().queryForObject("SELECT count(*) FROM rate_limit_counter", Integer.class);
	}

	static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString(
					(TestBrowser.encode(clientId) + ":" + TestBrowser.encode(secret)).getBytes(StandardCharsets.UTF_8));
	}

}
