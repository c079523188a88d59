package dev.latchkey.auth.lockout;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.account.Accounts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.SpringSecurityMessageSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The password sign-in with lockout: a locked account is refused in exactly the way of a
 * wrong password, after the same work (the password is still checked, so it takes the
 * same time, and the result is thrown away). Every wrong password of an account that is
 * not locked counts; the one that reaches the limit locks it. A right password resets the
 * count, unless the account was locked meanwhile by attempts running at the same time.
 * Every failure, whatever its reason, also counts towards the sign-in rate limits of its
 * client address.
 */
final class GuardedSignIn implements AuthenticationProvider {

	/** No account has this id. */
	private static final UUID NO_ACCOUNT = new UUID(0, 0);

	private final AuthenticationProvider passwordSignIn;

	private final Accounts accounts;

	private final Lockouts lockouts;

	private final RateLimits rateLimits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final MessageSourceAccessor messages = SpringSecurityMessageSource.getAccessor();

	GuardedSignIn(AuthenticationProvider passwordSignIn, Accounts accounts, Lockouts lockouts, RateLimits rateLimits,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
		this.passwordSignIn = passwordSignIn;
		this.accounts = accounts;
		this.lockouts = lockouts;
		this.rateLimits = rateLimits;
		this.events = events;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		String email = authentication.getName();
		String address = clientAddress(authentication);
		Optional<UUID> account = this.accounts.findEnabledIdByEmail(email);
		if (account.isEmpty()) {
			// The same read as for an account, so that an unknown email takes as long.
			this.lockouts.isLocked(NO_ACCOUNT);
			try {
				return this.passwordSignIn.authenticate(authentication);
			}
			catch (AuthenticationException ex) {
				Instant now = this.clock.instant();
				this.transaction.executeWithoutResult((status) -> countForRateLimits(email, address, now));
				this.events.publishEvent(new SignInFailed(null, SignInFailed.Reason.UNKNOWN_ACCOUNT, address, now));
				throw ex;
			}
		}
		UUID accountId = account.get();
		boolean lockedBefore = this.lockouts.isLocked(accountId);
		Authentication result;
		try {
			result = this.passwordSignIn.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			wrongPassword(accountId, email, address);
			throw ex;
		}
		catch (AuthenticationException ex) {
			if (lockedBefore) {
				// A right but expired password: saying so would tell that it is right.
				wrongPassword(accountId, email, address);
				throw badCredentials();
			}
			// Not a failed guess (no turn to hash: 503; a right but expired password).
			throw ex;
		}
		Instant now = this.clock.instant();
		if (lockedBefore || !this.lockouts.signedIn(accountId, now)) {
			wrongPassword(accountId, email, address);
			throw badCredentials();
		}
		this.events.publishEvent(new SignInSucceeded(accountId, address, now));
		return result;
	}

	/**
	 * A wrong password, or any password while the account is locked. Counting it is the
	 * same statement either way (it changes nothing while the account is locked), so both
	 * take the same time.
	 */
	private void wrongPassword(UUID accountId, String email, @Nullable String address) {
		Locale locale = LocaleContextHolder.getLocale();
		Instant now = this.clock.instant();
		// One transaction, so one commit, as for an unknown email.
		boolean counted = Boolean.TRUE.equals(this.transaction.execute((status) -> {
			countForRateLimits(email, address, now);
			return this.lockouts.recordFailure(accountId, now, locale);
		}));
		this.events.publishEvent(new SignInFailed(accountId,
				counted ? SignInFailed.Reason.WRONG_PASSWORD : SignInFailed.Reason.LOCKED, address, now));
	}

	private void countForRateLimits(String email, @Nullable String address, Instant now) {
		if (address != null) {
			this.rateLimits.count(RateLimit.SIGN_IN_PER_ADDRESS, now, address);
			this.rateLimits.count(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS, now, normalized(email), address);
		}
	}

	/**
	 * The exception of a wrong password, with the framework's own message.
	 */
	private BadCredentialsException badCredentials() {
		return new BadCredentialsException(this.messages
			.getMessage("AbstractUserDetailsAuthenticationProvider.badCredentials", "Bad credentials"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwordSignIn.supports(authentication);
	}

	static @Nullable String clientAddress(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

	/**
	 * An email as accounts compare them: trimmed, lower case.
	 */
	static String normalized(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

}
