package dev.latchkey.auth.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client got a new secret. For the audit log (never carries a secret).
 *
 * @param clientId the client id
 * @param previousValidUntil until when the previous secret still works, {@code null} if
 * it stopped at once
 * @param actor who rotated it
 * @param address from which address, {@code null} on the command line
 * @param at when
 */
public record ClientSecretRotated(String clientId, @Nullable Instant previousValidUntil, String actor,
		@Nullable String address, Instant at) {

}
