package dev.latchkey.auth.password;

import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last five passwords (the current one included) cannot be used again; the sixth-last
 * can. Runs the real policy, hashing and database.
 */
@LatchkeyIntegrationTest
class PasswordHistoryTests {

	static final String[] PASSWORDS = { "Vq!9-alpha-Zz71", "Vq!9-bravo-Zz72", "Vq!9-cocoa-Zz73", "Vq!9-delta-Zz74",
			"Vq!9-eagle-Zz75", "Vq!9-fable-Zz76" };

	@Autowired
	Accounts accounts;

	@Autowired
	Passwords passwords;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void prepareWhenFifthLastPasswordThenRefusedAndSixthLastAccepted() {
		UUID id = this.accounts
			.register(new NewAccount("history-" + UUID.randomUUID() + "@example.test", "Hank Hill", PASSWORDS[0],
					Set.of(Role.USER)))
			.id();
		for (int i = 1; i < PASSWORDS.length; i++) {
			PasswordChange change = this.passwords.prepare(id, PASSWORDS[i], PASSWORDS[i], new FormErrors());
			assertThat(change.accepted()).as("change %d: %s", i, change.errors().getAll()).isTrue();
			this.passwords.apply(change);
		}
		// Current: PASSWORDS[5]. The last five are PASSWORDS[5] to PASSWORDS[1].
		for (int i = 1; i < PASSWORDS.length; i++) {
			PasswordChange reuse = this.passwords.prepare(id, PASSWORDS[i], PASSWORDS[i], new FormErrors());
			assertThat(reuse.accepted()).as("password %d back", i).isFalse();
			assertThat(reuse.errors().of(Passwords.NEW_PASSWORD)).extracting(FormErrors.Message::code)
				.containsExactly("password.reused");
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM password_history WHERE account_id = ?", Integer.class,
				id))
			.isEqualTo(4);

		PasswordChange sixthLast = this.passwords.prepare(id, PASSWORDS[0], PASSWORDS[0], new FormErrors());
		assertThat(sixthLast.accepted()).isTrue();
		this.passwords.apply(sixthLast);
		AccountSummary account = this.accounts.findById(id).orElseThrow();
		assertThat(this.passwords.verifyCurrent(account.id(), PASSWORDS[0])).isTrue();
		assertThat(this.passwords.verifyCurrent(account.id(), PASSWORDS[5])).isFalse();
	}

	@Test
	void prepareWhenConfirmationDiffersOrMissingThenNamedOnConfirmationField() {
		UUID id = this.accounts
			.register(new NewAccount("confirm-" + UUID.randomUUID() + "@example.test", "Cora Firm", PASSWORDS[0],
					Set.of(Role.USER)))
			.id();
		PasswordChange mismatch = this.passwords.prepare(id, PASSWORDS[1], PASSWORDS[2], new FormErrors());
		assertThat(mismatch.accepted()).isFalse();
		assertThat(mismatch.errors().of(Passwords.CONFIRMATION)).extracting(FormErrors.Message::code)
			.containsExactly("password.confirmation.mismatch");
		PasswordChange missing = this.passwords.prepare(id, PASSWORDS[1], "", new FormErrors());
		assertThat(missing.errors().of(Passwords.CONFIRMATION)).extracting(FormErrors.Message::code)
			.containsExactly("password.confirmation.required");
		PasswordChange empty = this.passwords.prepare(id, "", "", new FormErrors());
		assertThat(empty.errors().of(Passwords.NEW_PASSWORD)).extracting(FormErrors.Message::code)
			.containsExactly("password.required");
		PasswordChange weak = this.passwords.prepare(id, "short", "short", new FormErrors());
		assertThat(weak.errors().of(Passwords.NEW_PASSWORD)).extracting(FormErrors.Message::code)
			.contains("password.tooShort", "password.needsUpper", "password.needsDigit", "password.needsSymbol");
	}

}
