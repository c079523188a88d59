package dev.latchkey.auth.reset;

import dev.latchkey.auth.password.PasswordChanged;

import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Mails "your password was changed" after every change or reset, so that a change the
 * owner did not make does not go unnoticed. Queued in the changing transaction.
 */
@Component
final class NoticeOnPasswordChange {

	private final MailOutbox outbox;

	NoticeOnPasswordChange(MailOutbox outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void notice(PasswordChanged event) {
		this.outbox.enqueue(MailKind.PASSWORD_CHANGED, event.accountId(), LocaleContextHolder.getLocale());
	}

}
