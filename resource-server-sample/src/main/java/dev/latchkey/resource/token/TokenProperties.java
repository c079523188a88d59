package dev.latchkey.resource.token;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Which access tokens this API accepts (DESIGN.md section 3). The values live in
 * {@code application.properties}; each is documented in the README.
 *
 * @param issuer the Latchkey issuer ({@code LATCHKEY_ISSUER}); tokens must carry it as
 * {@code iss}, and its discovery document names the JWKS
 * @param audience this API's identifier ({@code LATCHKEY_AUDIENCE}); a token's
 * {@code aud} must contain it
 * @param clockSkew the leeway allowed on {@code exp}, {@code nbf} and {@code iat}; at
 * most 60 seconds
 * @param maxTokenSize bearer tokens longer than this are refused before they are parsed
 * @param keys how the issuer's signing keys are fetched
 * @param tokenCache the verified-token cache
 */
@ConfigurationProperties("latchkey")
@Validated
public record TokenProperties(@NotNull URI issuer, @NotBlank String audience,
		@NotNull @DurationMin(seconds = 0) @DurationMax(seconds = 60) Duration clockSkew,
		@NotNull DataSize maxTokenSize, @NotNull @Valid Keys keys, @NotNull @Valid TokenCache tokenCache) {

	public TokenProperties {
		if (issuer != null
				&& (!issuer.isAbsolute() || !("https".equals(issuer.getScheme()) || "http".equals(issuer.getScheme()))
						|| issuer.getHost() == null)) {
			throw new IllegalArgumentException("latchkey.issuer must be an absolute http(s) URL, not " + issuer);
		}
	}

	/**
	 * Fetching the issuer's signing keys.
	 *
	 * @param refreshInterval how long a fetched JWKS is used before it is fetched again
	 * @param minRefetchInterval the shortest time between two fetches, however many
	 * tokens with unknown key ids arrive
	 * @param timeout connect and read timeout for the discovery document and the JWKS
	 * @param jwksUri where to fetch the JWKS instead of the {@code jwks_uri} of the
	 * issuer's discovery document, for an API that reaches the issuer over another
	 * address than its public one (an internal service name); tokens must still carry the
	 * configured issuer
	 */
	public record Keys(@NotNull @DurationMin(seconds = 1) Duration refreshInterval,
			@NotNull @DurationMin(seconds = 1) Duration minRefetchInterval,
			@NotNull @DurationMin(millis = 100) Duration timeout, @Nullable URI jwksUri) {

		public Keys {
			if (jwksUri != null && (!jwksUri.isAbsolute()
					|| !("https".equals(jwksUri.getScheme()) || "http".equals(jwksUri.getScheme()))
					|| jwksUri.getHost() == null)) {
				throw new IllegalArgumentException(
						"latchkey.keys.jwks-uri must be an absolute http(s) URL, not " + jwksUri);
			}
		}

	}

	/**
	 * The verified-token cache.
	 *
	 * @param maxEntries how many verified tokens are kept; 0 turns the cache off
	 */
	public record TokenCache(@Min(0) int maxEntries) {
	}

}
