package dev.latchkey.auth.password;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * The check after a correct password, one class with the account store mocked (the pages
 * it leads to are in {@link ExpiredPasswordTests}).
 */
class PasswordExpiryTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final UUID ID = UUID.randomUUID();

	private final Accounts accounts = mock(Accounts.class);

	private PasswordExpiry expiry(boolean enabled) {
		PasswordProperties properties = new PasswordProperties(12, 128, true, 5, enabled, Duration.ofDays(90),
				new PasswordProperties.Hashing(1, Duration.ofSeconds(2)));
		Passwords passwords = new Passwords(this.accounts, mock(PasswordPolicy.class), mock(PasswordHistory.class),
				mock(org.springframework.security.crypto.password.PasswordEncoder.class),
				new HashingLimiter(1, Duration.ofSeconds(5)), properties,
				mock(org.springframework.context.ApplicationEventPublisher.class), Clock.fixed(NOW, ZoneOffset.UTC));
		return new PasswordExpiry(this.accounts, passwords, properties);
	}

	private static UserDetails user(boolean credentialsNonExpired) {
		return User.withUsername(ID.toString())
			.password("unused")
			.credentialsExpired(!credentialsNonExpired)
			.authorities("ROLE_USER")
			.build();
	}

	private void passwordChanged(Duration ago) {
		given(this.accounts.findBySubject(ID.toString())).willReturn(Optional.of(new AccountSummary(ID,
				"jane@example.com", "Jane", Set.of(Role.USER), true, true, NOW.minus(ago), NOW.minus(ago))));
	}

	@Test
	void checkWhenExpiryOnAndPasswordOlderThanThePeriodThenPasswordExpired() {
		passwordChanged(Duration.ofDays(91));
		assertThatExceptionOfType(PasswordExpiredException.class).isThrownBy(() -> expiry(true).check(user(true)))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.accountId()).isEqualTo(ID));
	}

	@Test
	void checkWhenExpiryOnAndPasswordRecentThenPasses() {
		passwordChanged(Duration.ofDays(89));
		assertThatNoException().isThrownBy(() -> expiry(true).check(user(true)));
	}

	@Test
	void checkWhenExpiryOffThenOldPasswordPassesWithoutLookingItUp() {
		passwordChanged(Duration.ofDays(4000));
		assertThatNoException().isThrownBy(() -> expiry(false).check(user(true)));
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void checkWhenFrameworkSaysCredentialsExpiredThenRefusedEvenWithExpiryOff() {
		assertThatExceptionOfType(CredentialsExpiredException.class).isThrownBy(() -> expiry(false).check(user(false)));
	}

}
