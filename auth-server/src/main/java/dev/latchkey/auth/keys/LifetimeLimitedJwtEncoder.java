package dev.latchkey.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Refuses to sign a JWT that could outlive its signing key in the JWKS: a retired key
 * stays published for {@code latchkey.keys.max-token-lifetime} (plus cache period and
 * skew), so no token may live longer, whichever feature mints it.
 */
final class LifetimeLimitedJwtEncoder implements JwtEncoder {

	private final JwtEncoder delegate;

	private final Duration maxLifetime;

	private final Clock clock;

	LifetimeLimitedJwtEncoder(JwtEncoder delegate, Duration maxLifetime, Clock clock) {
		this.delegate = delegate;
		this.maxLifetime = maxLifetime;
		this.clock = clock;
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) {
		JwtClaimsSet claims = parameters.getClaims();
		Instant expiresAt = claims.getExpiresAt();
		if (expiresAt == null) {
			throw new JwtEncodingException("Refusing to sign a JWT without an expiry (exp)");
		}
		Instant issuedAt = (claims.getIssuedAt() != null) ? claims.getIssuedAt() : this.clock.instant();
		Duration lifetime = Duration.between(issuedAt, expiresAt);
		if (lifetime.compareTo(this.maxLifetime) > 0) {
			throw new JwtEncodingException("Refusing to sign a JWT that lives " + KeyRotationProperties.human(lifetime)
					+ ", longer than latchkey.keys.max-token-lifetime (" + KeyRotationProperties.human(this.maxLifetime)
					+ "): it could outlive its signing key in the JWKS");
		}
		return this.delegate.encode(parameters);
	}

}
