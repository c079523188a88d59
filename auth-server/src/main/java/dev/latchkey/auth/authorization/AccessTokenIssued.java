package dev.latchkey.auth.authorization;

import java.time.Instant;
import java.util.Set;

/**
 * An access token was issued (authorization code, refresh or client credentials).
 * Published in the transaction that stores it, for the audit log; never carries a token.
 *
 * @param authorizationId the grant (refresh token family) it belongs to
 * @param clientId the client id it was issued to
 * @param principalName the user (account id) or client it was issued for
 * @param grantType the grant of the authorization
 * @param scopes its scopes
 * @param issuedAt when it was issued
 */
public record AccessTokenIssued(String authorizationId, String clientId, String principalName, String grantType,
		Set<String> scopes, Instant issuedAt) {

	public AccessTokenIssued {
		scopes = Set.copyOf(scopes);
	}

}
