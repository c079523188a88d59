package dev.latchkey.auth.reset;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.password.FormErrors;
import dev.latchkey.auth.password.PasswordChange;
import dev.latchkey.auth.password.Passwords;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reset flow: a request queues a mail (which gets its link when it is sent); a link,
 * while live, lets its account choose a new password under the whole policy; using it is
 * atomic and happens in the same transaction as the change.
 */
@Service
public class PasswordReset {

	private final Accounts accounts;

	private final Passwords passwords;

	private final ResetLinks links;

	private final MailOutbox outbox;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PasswordReset(Accounts accounts, Passwords passwords, ResetLinks links, MailOutbox outbox,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.links = links;
		this.outbox = outbox;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Asks for a reset mail. Does the same, and so takes about the same time, whether or
	 * not the account exists: the mail is written and sent after the request.
	 * @param email the address typed in
	 * @param locale the language of the mail
	 */
	@Transactional
	public void request(String email, Locale locale) {
		this.accounts.findEnabledIdByEmail(email)
			.ifPresent((accountId) -> this.outbox.enqueue(MailKind.PASSWORD_RESET, accountId, locale));
	}

	LinkCheck check(byte[] tokenHash) {
		return this.links.find(tokenHash)
			.map((link) -> new LinkCheck(link.status(this.clock.instant()), link.accountId()))
			.orElse(new LinkCheck(LinkStatus.UNKNOWN, null));
	}

	Optional<AccountSummary> account(LinkCheck check) {
		return (check.accountId() != null) ? this.accounts.findById(check.accountId()) : Optional.empty();
	}

	/**
	 * Resets the password with a link.
	 * @param tokenHash the link's token hash
	 * @param newPassword the new password
	 * @param confirmation the new password again
	 * @return what happened
	 */
	Outcome reset(byte[] tokenHash, String newPassword, String confirmation) {
		LinkCheck check = check(tokenHash);
		if (check.status() != LinkStatus.LIVE || check.accountId() == null) {
			return Outcome.linkProblem(check.status());
		}
		PasswordChange change = this.passwords.prepare(check.accountId(), newPassword, confirmation, new FormErrors());
		if (!change.accepted()) {
			return Outcome.refused(change.errors());
		}
		Boolean used = this.transaction.execute((status) -> {
			Optional<UUID> account = this.links.use(tokenHash, this.clock.instant());
			if (account.isEmpty()) {
				return false;
			}
			this.passwords.apply(change);
			return true;
		});
		return Boolean.TRUE.equals(used) ? Outcome.done() : Outcome.linkProblem(check(tokenHash).status());
	}

	/**
	 * A link's status and account.
	 *
	 * @param status what the link is
	 * @param accountId its account, unless unknown
	 */
	record LinkCheck(LinkStatus status, @Nullable UUID accountId) {
	}

	/**
	 * What a reset attempt came to: done, refused with the problems of the new password,
	 * or stopped by the link's status.
	 *
	 * @param linkStatus the link's status (LIVE when done or refused)
	 * @param errors the problems of the new password, if refused
	 */
	record Outcome(LinkStatus linkStatus, @Nullable FormErrors errors) {

		static Outcome done() {
			return new Outcome(LinkStatus.LIVE, null);
		}

		static Outcome refused(FormErrors errors) {
			return new Outcome(LinkStatus.LIVE, errors);
		}

		static Outcome linkProblem(LinkStatus status) {
			return new Outcome(status, null);
		}

		boolean isDone() {
			return this.linkStatus == LinkStatus.LIVE && this.errors == null;
		}

	}

}
