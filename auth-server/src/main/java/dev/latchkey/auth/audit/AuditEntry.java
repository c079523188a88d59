package dev.latchkey.auth.audit;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A recorded audit event.
 *
 * @param id its place in the chain, from 1 without gaps
 * @param occurredAt when it was recorded
 * @param type what happened
 * @param actor who did it
 * @param address from which client address, if known
 * @param subject to whom or what, if anything
 * @param details more, as names and short values
 */
public record AuditEntry(long id, Instant occurredAt, String type, String actor, @Nullable String address,
		@Nullable String subject, Map<String, String> details) {

	public AuditEntry {
		details = Map.copyOf(details);
	}

}
