package dev.latchkey.auth.authorization;

import java.time.Instant;

/**
 * A spent refresh token came back outside the retry window: it has probably been stolen,
 * so its whole family (every access and refresh token of that grant) was revoked. For the
 * audit log.
 *
 * @param authorizationId the revoked family
 * @param clientId the client id the family was issued to
 * @param principalName the user (account id) or client it was issued for
 * @param detectedAt when the reuse was detected
 */
public record RefreshTokenReuseDetected(String authorizationId, String clientId, String principalName,
		Instant detectedAt) {
}
