package dev.latchkey.auth.lockout;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request was refused with 429 because a rate limit was reached. For the audit log.
 *
 * @param limit the limit, e.g. {@code sign-in-per-account-and-address}
 * @param clientAddress the client's address
 * @param at when
 * @param retryAt when the limit's window ends
 */
public record RateLimitExceeded(String limit, @Nullable String clientAddress, Instant at, Instant retryAt) {
}
