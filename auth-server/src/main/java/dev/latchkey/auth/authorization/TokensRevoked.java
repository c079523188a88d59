package dev.latchkey.auth.authorization;

import java.time.Instant;

/**
 * Tokens of a grant were revoked: one token at the revocation endpoint
 * ({@code access_token} or {@code refresh_token}, the latter taking its family with it),
 * or the whole grant ({@code grant}). Published in the transaction that revokes them, for
 * the audit log; never carries a token.
 *
 * @param authorizationId the grant
 * @param clientId the client id it was issued to
 * @param principalName the user (account id) or client it was issued for
 * @param what {@code access_token}, {@code refresh_token} or {@code grant}
 * @param at when
 */
public record TokensRevoked(String authorizationId, String clientId, String principalName, String what, Instant at) {
}
