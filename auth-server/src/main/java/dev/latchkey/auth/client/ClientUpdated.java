package dev.latchkey.auth.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client's settings were changed. For the audit log; published inside the changing
 * transaction.
 *
 * @param clientId the client id
 * @param name the client's name after the change
 * @param actor who changed it
 * @param address from which address, {@code null} on the command line
 * @param at when
 */
public record ClientUpdated(String clientId, String name, String actor, @Nullable String address, Instant at) {

}
