package dev.latchkey.auth.reset;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A mail to send, as claimed from the outbox for one attempt.
 *
 * @param id the outbox row
 * @param kind what to send
 * @param accountId to whom
 * @param locale in which language
 * @param attempts how many attempts were made, this one included
 * @param createdAt when it was queued
 * @param lastsUntil the time a notice talks about (when a lockout ends), if any
 */
record OutboundMail(UUID id, MailKind kind, UUID accountId, Locale locale, int attempts, Instant createdAt,
		@Nullable Instant lastsUntil) {
}
