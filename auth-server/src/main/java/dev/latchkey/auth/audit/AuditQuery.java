package dev.latchkey.auth.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which audit entries to show, newest first. Every filter is optional.
 *
 * @param from entries at or after this time
 * @param to entries before this time
 * @param type entries of this type, or of every type under it ({@code signin} finds
 * {@code signin.failed})
 * @param actor entries by this actor
 * @param subject entries about this subject
 * @param page the page, from 0
 * @param size entries per page, 1 to {@value #MAX_SIZE}
 */
public record AuditQuery(@Nullable Instant from, @Nullable Instant to, @Nullable String type, @Nullable String actor,
		@Nullable String subject, int page, int size) {

	/** Most entries per page. */
	public static final int MAX_SIZE = 100;

	/** The most pages one can skip to: deeper, narrow the time range instead. */
	public static final int MAX_PAGE = 10_000;

	public AuditQuery {
		if (page < 0 || page > MAX_PAGE) {
			throw new IllegalArgumentException("page must be 0 to " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE);
		}
		type = blankToNull(type);
		actor = blankToNull(actor);
		subject = blankToNull(subject);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
