package dev.latchkey.auth.reset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Mails are queued in {@code outbound_mail} in the transaction that causes them, sent
 * right after it commits (on a background thread, so a request never waits for SMTP and
 * takes the same time whether or not it sends mail), and retried with growing delays if
 * the SMTP server fails. Any node sends any waiting mail; claiming a row is atomic, so
 * each attempt happens on one node.
 * <p>
 * CAUTION: log lines name a mail by its id, kind and account, never by its content: a
 * reset mail holds a live link.
 */
@Component
class MailOutbox implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(MailOutbox.class);

	/** How long one attempt may take before another node may try the same mail. */
	static final Duration CLAIM = Duration.ofMinutes(2);

	static final Duration LONGEST_RETRY_DELAY = Duration.ofHours(1);

	static final Duration KEEP_FINISHED = Duration.ofDays(7);

	private static final int BATCH = 20;

	static final Duration SEND_DELAY = Duration.ofMillis(250);

	private static final int MAX_QUEUED = 1000;

	private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final String COLUMNS = "id, kind, account_id, locale, attempts, created_at, lasts_until";

	private final JdbcClient jdbc;

	private final PasswordMails mails;

	private final ObjectProvider<JavaMailSender> senders;

	private final Accounts accounts;

	private final ResetLinks links;

	private final ResetProperties resetProperties;

	private final MailSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ScheduledThreadPoolExecutor sendingThread = new ScheduledThreadPoolExecutor(1, (runnable) -> {
		Thread thread = new Thread(runnable, "latchkey-mail");
		thread.setDaemon(true);
		return thread;
	}, new ThreadPoolExecutor.DiscardPolicy());

	{
		// On shutdown, mails not yet sent stay in the outbox for the scheduled retry.
		this.sendingThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	MailOutbox(JdbcClient jdbc, PasswordMails mails, ObjectProvider<JavaMailSender> senders, Accounts accounts,
			ResetLinks links, ResetProperties resetProperties, MailSettings settings, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.mails = mails;
		this.senders = senders;
		this.accounts = accounts;
		this.links = links;
		this.resetProperties = resetProperties;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Queues a mail in the caller's transaction.
	 * @param kind what to send
	 * @param accountId to whom
	 * @param locale in which language
	 */
	void enqueue(MailKind kind, UUID accountId, Locale locale) {
		enqueue(kind, accountId, locale, null);
	}

	/**
	 * Queues a notice about something that lasts until a time, in the caller's
	 * transaction.
	 * @param kind what to send
	 * @param accountId to whom
	 * @param locale in which language
	 * @param lastsUntil the time the notice talks about, if any
	 */
	void enqueue(MailKind kind, UUID accountId, Locale locale, @Nullable Instant lastsUntil) {
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		// Other nodes leave it alone for a while: this node sends it right after commit.
		this.jdbc
			.sql("INSERT INTO outbound_mail (id, kind, account_id, locale, state, created_at, next_attempt_at, "
					+ "lasts_until) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?)")
			.params(id, kind.name(), accountId, locale.toLanguageTag(), Timestamp.from(now),
					Timestamp.from(now.plus(CLAIM)), (lastsUntil != null) ? Timestamp.from(lastsUntil) : null)
			.update();
		this.events.publishEvent(new MailQueued(id));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void sendAfterCommit(MailQueued queued) {
		// A moment later, so that writing and sending the mail never competes with the
		// answer to the request that queued it: that answer takes the same time whether
		// or not there is a mail. Past a full queue the scheduled retry sends it.
		if (this.sendingThread.getQueue().size() < MAX_QUEUED) {
			this.sendingThread.schedule(() -> claimNew(queued.id()).ifPresent(this::deliver), SEND_DELAY.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	@Scheduled(initialDelayString = "${latchkey.mail.retry-interval:30s}",
			fixedDelayString = "${latchkey.mail.retry-interval:30s}")
	void sendWaiting() {
		Instant now = this.clock.instant();
		claimDue(now).forEach(this::deliver);
		this.jdbc.sql("DELETE FROM outbound_mail WHERE state <> 'PENDING' AND finished_at < ?")
			.params(Timestamp.from(now.minus(KEEP_FINISHED)))
			.update();
		this.links.purgeExpiredBefore(now.minus(KEEP_FINISHED));
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnIfUnableToSend() {
		if (this.senders.getIfAvailable() == null) {
			logger.warn("No mail server is configured (spring.mail.host): password-reset and password-change "
					+ "mails wait in the outbox until one is");
		}
		if (this.mails.linkBase() == null) {
			logger.warn("Neither latchkey.issuer nor latchkey.reset.link-base-url is set: "
					+ "password-reset mails cannot be sent");
		}
	}

	private Optional<OutboundMail> claimNew(UUID id) {
		return this.jdbc
			.sql("UPDATE outbound_mail SET attempts = attempts + 1, next_attempt_at = ? "
					+ "WHERE id = ? AND state = 'PENDING' AND attempts = 0 RETURNING " + COLUMNS)
			.params(Timestamp.from(this.clock.instant().plus(CLAIM)), id)
			.query(MailOutbox::mail)
			.optional();
	}

	private List<OutboundMail> claimDue(Instant now) {
		return this.jdbc
			.sql("UPDATE outbound_mail SET attempts = attempts + 1, next_attempt_at = ? WHERE id IN "
					+ "(SELECT id FROM outbound_mail WHERE state = 'PENDING' AND next_attempt_at <= ? "
					+ "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
			.params(Timestamp.from(now.plus(CLAIM)), Timestamp.from(now), BATCH)
			.query(MailOutbox::mail)
			.list();
	}

	private void deliver(OutboundMail mail) {
		JavaMailSender sender = this.senders.getIfAvailable();
		if (sender == null) {
			retryLater(mail, "no mail server configured");
			return;
		}
		Optional<AccountSummary> account = this.accounts.findById(mail.accountId());
		if (account.isEmpty() || (mail.kind() == MailKind.PASSWORD_RESET && !account.get().enabled())) {
			finish(mail, "SUPPRESSED");
			return;
		}
		if (mail.kind() == MailKind.PASSWORD_RESET && tooManyResetMails(mail.accountId())) {
			logger.info("Reset mail {} for account {} not sent: {} were sent in the last hour", mail.id(),
					mail.accountId(), this.resetProperties.maxMailsPerHour());
			finish(mail, "SUPPRESSED");
			return;
		}
		try {
			MimeMessage message = this.mails.write(mail, account.get(), sender);
			sender.send(message);
			finish(mail, "SENT");
		}
		catch (Exception ex) {
			retryLater(mail, describe(ex));
		}
	}

	private boolean tooManyResetMails(UUID accountId) {
		Integer sent = this.jdbc
			.sql("SELECT count(*) FROM outbound_mail WHERE account_id = ? AND kind = 'PASSWORD_RESET' "
					+ "AND state = 'SENT' AND finished_at > ?")
			.params(accountId, Timestamp.from(this.clock.instant().minus(Duration.ofHours(1))))
			.query(Integer.class)
			.single();
		return sent >= this.resetProperties.maxMailsPerHour();
	}

	private void finish(OutboundMail mail, String state) {
		this.jdbc.sql("UPDATE outbound_mail SET state = ?, finished_at = ?, last_error = NULL WHERE id = ?")
			.params(state, Timestamp.from(this.clock.instant()), mail.id())
			.update();
	}

	private void retryLater(OutboundMail mail, String problem) {
		Instant now = this.clock.instant();
		if (mail.createdAt().plus(this.settings.giveUpAfter()).isBefore(now)) {
			logger.error("Gave up on the {} mail {} for account {} after {} attempts: {}", mail.kind(), mail.id(),
					mail.accountId(), mail.attempts(), problem);
			this.jdbc.sql("UPDATE outbound_mail SET state = 'FAILED', finished_at = ?, last_error = ? WHERE id = ?")
				.params(Timestamp.from(now), problem, mail.id())
				.update();
			return;
		}
		Instant next = now.plus(retryDelay(mail.attempts()));
		logger.warn("Could not send the {} mail {} for account {} (attempt {}), retrying at {}: {}", mail.kind(),
				mail.id(), mail.accountId(), mail.attempts(), next, problem);
		this.jdbc.sql("UPDATE outbound_mail SET next_attempt_at = ?, last_error = ? WHERE id = ?")
			.params(Timestamp.from(next), problem, mail.id())
			.update();
	}

	Duration retryDelay(int attempts) {
		Duration delay = this.settings.retryInterval().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
		return (delay.compareTo(LONGEST_RETRY_DELAY) > 0) ? LONGEST_RETRY_DELAY : delay;
	}

	/**
	 * The exception's type and its root cause's type and message: enough to act on (e.g.
	 * "connection refused"). Anything shaped like a reset token is blanked out, in case a
	 * mail server ever echoes content back.
	 */
	static String describe(Exception ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		String text = (root == ex) ? ex.getClass().getName() + ": " + ex.getMessage()
				: ex.getClass().getName() + " caused by " + root.getClass().getName() + ": " + root.getMessage();
		return TOKEN_LIKE.matcher(text).replaceAll("[redacted]");
	}

	private static OutboundMail mail(ResultSet rs, int row) throws SQLException {
		return new OutboundMail(rs.getObject("id", UUID.class), MailKind.valueOf(rs.getString("kind")),
				rs.getObject("account_id", UUID.class), Locale.forLanguageTag(rs.getString("locale")),
				rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
				(rs.getTimestamp("lasts_until") != null) ? rs.getTimestamp("lasts_until").toInstant() : null);
	}

	@Override
	public void destroy() throws InterruptedException {
		this.sendingThread.shutdown();
		this.sendingThread.awaitTermination(10, TimeUnit.SECONDS);
	}

}
