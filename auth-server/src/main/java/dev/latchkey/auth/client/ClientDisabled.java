package dev.latchkey.auth.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client was disabled: it can no longer authenticate or start an authorization. For the
 * audit log.
 *
 * @param clientId the client id
 * @param actor who disabled it
 * @param address from which address, {@code null} on the command line
 * @param at when
 */
public record ClientDisabled(String clientId, String actor, @Nullable String address, Instant at) {

}
