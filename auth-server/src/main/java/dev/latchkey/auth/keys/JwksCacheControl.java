package dev.latchkey.auth.keys;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets resource servers and proxies cache the JWKS, but never past its next scheduled
 * change: {@code max-age} is {@code latchkey.keys.jwks-max-age}, shortened to the time
 * until the next key is due to be published or a retired key to be removed. Publish-ahead
 * is at least the longest max-age (plus key cache and skew), so a cached JWKS always
 * holds every key that signs before it expires.
 */
final class JwksCacheControl extends OncePerRequestFilter {

	private final SigningKeySource keys;

	private final KeyRotationProperties properties;

	private final Clock clock;

	JwksCacheControl(SigningKeySource keys, KeyRotationProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// Set first: the security filter chain then leaves Cache-Control alone.
		response.setHeader(HttpHeaders.CACHE_CONTROL,
				"public, max-age=" + maxAge(this.keys.current(), this.clock.instant()).toSeconds());
		chain.doFilter(request, response);
	}

	Duration maxAge(SigningKeySource.Snapshot snapshot, Instant now) {
		Duration maxAge = this.properties.jwksMaxAge();
		for (SigningKey key : snapshot.keys()) {
			Instant change = switch (key.state()) {
				case ACTIVE -> (snapshot.pending(key.algorithm()).isEmpty() && key.retiresAt() != null)
						? key.retiresAt().minus(this.properties.publishAhead()) : null;
				case RETIRED -> key.removesAt();
				default -> null;
			};
			if (change != null) {
				Duration untilChange = Duration.between(now, change);
				maxAge = untilChange.isNegative() ? Duration.ZERO
						: (untilChange.compareTo(maxAge) < 0) ? untilChange : maxAge;
			}
		}
		return maxAge;
	}

}
