package dev.latchkey.auth.password;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.Role;
import dev.latchkey.auth.account.UnknownAccountException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * The decisions of {@link Passwords}, with the account store and the password history
 * mocked and a transparent encoder (the flows against the server and PostgreSQL are in
 * {@link ChangePasswordTests} and {@link ExpiredPasswordTests}).
 */
class PasswordsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final UUID ID = UUID.randomUUID();

	private static final String GOOD = "Quiet-Harbor-Lamp-71";

	private static final AccountSummary ACCOUNT = new AccountSummary(ID, "jane.doe@example.com", "Jane Doe",
			Set.of(Role.USER), true, true, NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(30)));

	private final Accounts accounts = mock(Accounts.class);

	private final PasswordHistory history = mock(PasswordHistory.class);

	private final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);

	private final Passwords passwords = passwords(properties(5, false));

	private Passwords passwords(PasswordProperties properties) {
		return new Passwords(this.accounts, new PasswordPolicy(properties, PasswordPolicyTests.BLOCKLIST), this.history,
				new TransparentEncoder(), new HashingLimiter(1, Duration.ofSeconds(5)), properties, this.events,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static PasswordProperties properties(int history, boolean expiry) {
		return new PasswordProperties(12, 128, true, history, expiry, Duration.ofDays(90),
				new PasswordProperties.Hashing(1, Duration.ofSeconds(2)));
	}

	private void account(String currentHash, String... olderHashes) {
		given(this.accounts.findById(ID)).willReturn(Optional.of(ACCOUNT));
		given(this.accounts.passwordHash(ID)).willReturn(Optional.of(currentHash));
		given(this.history.latest(ID, 4)).willReturn(List.of(olderHashes));
	}

	private static List<String> codes(PasswordChange change, String field) {
		return change.errors().of(field).stream().map(FormErrors.Message::code).toList();
	}

	@Test
	void rulesWhenAskedThenTheConfiguredOnes() {
		assertThat(this.passwords.rules()).isEqualTo(new PasswordRules(12, 128, true));
	}

	@Test
	void prepareWhenNewPasswordPassesThenAcceptedWithItsHash() {
		account("hash:Old-Password-Value-1");
		PasswordChange change = this.passwords.prepare(ID, GOOD, GOOD, new FormErrors());
		assertThat(change.accepted()).isTrue();
		assertThat(change.newHash()).isEqualTo("hash:" + GOOD);
		assertThat(change.errors().isEmpty()).isTrue();
		assertThat(change.toString()).contains("accepted=true").doesNotContain(GOOD);
	}

	@Test
	void prepareWhenNewPasswordEmptyThenRequiredAndConfirmationNotChecked() {
		account("hash:x");
		PasswordChange change = this.passwords.prepare(ID, "", "something", new FormErrors());
		assertThat(change.accepted()).isFalse();
		assertThat(codes(change, Passwords.NEW_PASSWORD)).containsExactly("password.required");
		assertThat(change.errors().has(Passwords.CONFIRMATION)).isFalse();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(change::newHash);
	}

	@Test
	void prepareWhenPolicyRefusesThenEachViolationByField() {
		account("hash:x");
		PasswordChange change = this.passwords.prepare(ID, "short", "short", new FormErrors());
		assertThat(change.errors().of(Passwords.NEW_PASSWORD))
			.contains(new FormErrors.Message("password.tooShort", List.of(12, 5)));
		assertThat(change.errors().has(Passwords.CONFIRMATION)).isFalse();
		assertThat(change.accepted()).isFalse();
	}

	@Test
	void prepareWhenConfirmationEmptyThenConfirmationRequired() {
		account("hash:x");
		PasswordChange change = this.passwords.prepare(ID, GOOD, "", new FormErrors());
		assertThat(codes(change, Passwords.CONFIRMATION)).containsExactly("password.confirmation.required");
		assertThat(change.errors().has(Passwords.NEW_PASSWORD)).isFalse();
	}

	@Test
	void prepareWhenConfirmationDiffersThenMismatch() {
		account("hash:x");
		PasswordChange change = this.passwords.prepare(ID, GOOD, GOOD + "!", new FormErrors());
		assertThat(codes(change, Passwords.CONFIRMATION)).containsExactly("password.confirmation.mismatch");
		assertThat(change.accepted()).isFalse();
	}

	@Test
	void prepareWhenCallerFoundProblemsThenNewPasswordCheckedButNotHashed() {
		account("hash:x");
		FormErrors errors = new FormErrors().add("currentPassword", "password.current.wrong");
		PasswordChange change = this.passwords.prepare(ID, GOOD, GOOD, errors);
		assertThat(change.accepted()).isFalse();
		assertThat(change.errors().has("currentPassword")).isTrue();
		assertThat(change.errors().has(Passwords.NEW_PASSWORD)).isFalse();
		then(this.history).shouldHaveNoInteractions();
	}

	@Test
	void prepareWhenNewPasswordIsTheCurrentOneThenReused() {
		account("hash:" + GOOD);
		PasswordChange change = this.passwords.prepare(ID, GOOD, GOOD, new FormErrors());
		assertThat(change.accepted()).isFalse();
		assertThat(change.errors().of(Passwords.NEW_PASSWORD))
			.containsExactly(new FormErrors.Message("password.reused", List.of(5)));
	}

	@Test
	void prepareWhenNewPasswordIsInTheHistoryThenReused() {
		account("hash:Other-Password-Value-2", "hash:Older-Password-Value-3", "hash:" + GOOD);
		PasswordChange change = this.passwords.prepare(ID, GOOD, GOOD, new FormErrors());
		assertThat(codes(change, Passwords.NEW_PASSWORD)).containsExactly("password.reused");
	}

	@Test
	void prepareWhenHistoryOffThenEvenTheCurrentPasswordMayReturn() {
		Passwords noHistory = passwords(properties(0, false));
		account("hash:" + GOOD);
		PasswordChange change = noHistory.prepare(ID, GOOD, GOOD, new FormErrors());
		assertThat(change.accepted()).isTrue();
		then(this.history).shouldHaveNoInteractions();
	}

	@Test
	void prepareWhenAccountUnknownThenRefused() {
		given(this.accounts.findById(ID)).willReturn(Optional.empty());
		assertThatExceptionOfType(UnknownAccountException.class)
			.isThrownBy(() -> this.passwords.prepare(ID, GOOD, GOOD, new FormErrors()));
	}

	@Test
	void verifyCurrentWhenRightThenTrueAndNoFailureEvent() {
		account("hash:" + GOOD);
		assertThat(this.passwords.verifyCurrent(ID, GOOD)).isTrue();
		then(this.events).shouldHaveNoInteractions();
	}

	@Test
	void verifyCurrentWhenWrongThenFalseAndFailedSignInPublishedForTheEmail() {
		account("hash:" + GOOD);
		assertThat(this.passwords.verifyCurrent(ID, "Wrong-Password-Value-9")).isFalse();
		ArgumentCaptor<ApplicationEvent> event = ArgumentCaptor.forClass(ApplicationEvent.class);
		then(this.events).should().publishEvent(event.capture());
		assertThat(event.getValue()).isInstanceOfSatisfying(AuthenticationFailureBadCredentialsEvent.class,
				(failure) -> assertThat(failure.getAuthentication().getName()).isEqualTo("jane.doe@example.com"));
	}

	@Test
	void applyWhenAcceptedThenHashStoredPreviousRememberedAndChangePublished() {
		account("hash:Old-Password-Value-1");
		PasswordChange change = this.passwords.prepare(ID, GOOD, GOOD, new FormErrors());
		this.passwords.apply(change);
		then(this.accounts).should().changePasswordHash(ID, "hash:" + GOOD, NOW);
		then(this.history).should().remember(ID, "hash:Old-Password-Value-1", NOW, 4);
		then(this.events).should().publishEvent(new PasswordChanged(ID, NOW));
	}

	@Test
	void applyWhenRefusedChangeThenNothingStored() {
		account("hash:x");
		PasswordChange refused = this.passwords.prepare(ID, "", "", new FormErrors());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.passwords.apply(refused));
		then(this.accounts).should(org.mockito.Mockito.never()).changePasswordHash(any(), any(), any());
		then(this.events).shouldHaveNoInteractions();
	}

	@Test
	void isExpiredWhenExpiryOffThenNeverExpired() {
		AccountSummary ancient = withChangedAt(NOW.minus(Duration.ofDays(4000)));
		assertThat(this.passwords.isExpired(ancient)).isFalse();
	}

	@Test
	void isExpiredWhenExpiryOnThenExpiredOnlyAfterThePeriod() {
		Passwords expiring = passwords(properties(5, true));
		assertThat(expiring.isExpired(withChangedAt(NOW.minus(Duration.ofDays(90)).plusSeconds(1)))).isFalse();
		assertThat(expiring.isExpired(withChangedAt(NOW.minus(Duration.ofDays(90))))).isFalse();
		assertThat(expiring.isExpired(withChangedAt(NOW.minus(Duration.ofDays(90)).minusSeconds(1)))).isTrue();
	}

	private static AccountSummary withChangedAt(Instant changedAt) {
		return new AccountSummary(ID, ACCOUNT.email(), ACCOUNT.displayName(), ACCOUNT.roles(), true, true,
				ACCOUNT.createdAt(), changedAt);
	}

	/** Hashes by prefixing, so a test can tell which password a hash is of. */
	private static final class TransparentEncoder implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			return "hash:" + rawPassword;
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return encode(rawPassword).equals(encodedPassword);
		}

	}

}
