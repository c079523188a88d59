package dev.latchkey.auth.reset;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Notices to account owners that other features send through the mail outbox: queued in
 * the caller's transaction, sent after it commits, retried while the mail server is down.
 */
@Service
public class AccountNotices {

	private final MailOutbox outbox;

	AccountNotices(MailOutbox outbox) {
		this.outbox = outbox;
	}

	/**
	 * Queues the notice that an account was locked after failed sign-ins, with how to
	 * unlock it (wait, or reset the password).
	 * @param accountId the locked account
	 * @param lockedUntil when the lock ends, or {@code null} if it lasts until the
	 * password is reset
	 * @param locale the language of the mail
	 */
	public void accountLocked(UUID accountId, @Nullable Instant lockedUntil, Locale locale) {
		this.outbox.enqueue(MailKind.ACCOUNT_LOCKED, accountId, locale, lockedUntil);
	}

}
