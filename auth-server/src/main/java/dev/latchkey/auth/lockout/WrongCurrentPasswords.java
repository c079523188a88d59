package dev.latchkey.auth.lockout;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.latchkey.auth.account.Accounts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * A wrong current password on the change-password form counts as a failed sign-in: the
 * password feature publishes it as the framework's bad-credentials event with the email
 * as principal. The sign-in form publishes the same event, but its attempts are counted
 * by {@link GuardedSignIn} already; they are told apart by the form's web details.
 */
@Component
final class WrongCurrentPasswords {

	private final Accounts accounts;

	private final Lockouts lockouts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	WrongCurrentPasswords(Accounts accounts, Lockouts lockouts, ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.lockouts = lockouts;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void count(AuthenticationFailureBadCredentialsEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt)
				|| attempt.getDetails() instanceof WebAuthenticationDetails) {
			return;
		}
		Optional<UUID> account = this.accounts.findEnabledIdByEmail(attempt.getName());
		if (account.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		boolean counted = this.lockouts.recordFailure(account.get(), now, LocaleContextHolder.getLocale());
		this.events.publishEvent(new SignInFailed(account.get(),
				counted ? SignInFailed.Reason.WRONG_CURRENT_PASSWORD : SignInFailed.Reason.LOCKED, null, now));
	}

}
