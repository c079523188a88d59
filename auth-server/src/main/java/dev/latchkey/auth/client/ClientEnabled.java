package dev.latchkey.auth.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A disabled client was enabled again. For the audit log.
 *
 * @param clientId the client id
 * @param actor who enabled it
 * @param address from which address, {@code null} on the command line
 * @param at when
 */
public record ClientEnabled(String clientId, String actor, @Nullable String address, Instant at) {

}
