package dev.latchkey.auth.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client was registered (by an operator or through dynamic registration). For the audit
 * log; published inside the registering transaction.
 *
 * @param clientId the new client id
 * @param name the client's name
 * @param authenticationMethod how it authenticates
 * @param actor who registered it
 * @param address from which address, {@code null} on the command line
 * @param at when
 */
public record ClientRegistered(String clientId, String name, String authenticationMethod, String actor,
		@Nullable String address, Instant at) {

}
