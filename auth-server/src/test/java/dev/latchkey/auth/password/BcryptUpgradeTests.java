package dev.latchkey.auth.password;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account imported with a BCrypt hash signs in, and is then stored with Argon2id.
 */
@LatchkeyIntegrationTest
class BcryptUpgradeTests {

	static final String PASSWORD = "Imported-Pass-77!";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void signInWhenImportedBcryptHashThenSucceedsAndStoresArgon2id() {
		String email = "imported-" + UUID.randomUUID() + "@example.test";
		UUID id = this.accounts.register(new NewAccount(email, "Ivy Import", "Unused-Pass-12!", Set.of(Role.USER)))
			.id();
		String bcrypt = new BCryptPasswordEncoder(10).encode(PASSWORD);
		// As an import would store it: a bare BCrypt hash, and an old change time (expiry
		// is off by default, so it does not matter).
		Instant changedAt = Instant.now()
			.minus(Duration.ofDays(400))
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		this.jdbc.update("UPDATE account SET password_hash = ?, password_changed_at = ? WHERE id = ?", bcrypt,
				Timestamp.from(changedAt), id);
		assertThat(storedHash(id)).startsWith("$2a$10$");

		HttpResponse<String> signIn = new TestBrowser("http://localhost:" + this.port).signIn(email, PASSWORD);
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(signIn)).doesNotContain("error");

		assertThat(storedHash(id)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.jdbc.queryForObject("SELECT password_changed_at FROM account WHERE id = ?", Timestamp.class, id)
			.toInstant()).as("an upgraded hash is not a new password").isEqualTo(changedAt);
		HttpResponse<String> again = new TestBrowser("http://localhost:" + this.port).signIn(email, PASSWORD);
		assertThat(TestBrowser.location(again)).doesNotContain("error");
		HttpResponse<String> wrong = new TestBrowser("http://localhost:" + this.port).signIn(email, PASSWORD + "x");
		assertThat(TestBrowser.location(wrong)).endsWith("/login?error");
	}

	private String storedHash(UUID id) {
		return this.jdbc.queryForObject("SELECT password_hash FROM account WHERE id = ?", String.class, id);
	}

}
