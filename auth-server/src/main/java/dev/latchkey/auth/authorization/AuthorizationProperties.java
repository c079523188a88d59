package dev.latchkey.auth.authorization;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Protocol settings.
 *
 * @param issuer the issuer URL ({@code LATCHKEY_ISSUER}); when blank (dev and tests only)
 * it is taken from each request
 * @param resources the resource servers tokens are minted for, each with the scopes it
 * owns; a token's {@code aud} lists those whose scopes it carries
 */
@ConfigurationProperties("latchkey")
record AuthorizationProperties(@Nullable String issuer, List<Resource> resources) {

	AuthorizationProperties(@Nullable String issuer, @Nullable List<Resource> resources) {
		this.issuer = (issuer == null || issuer.isBlank()) ? null : issuer;
		this.resources = (resources != null) ? List.copyOf(resources) : List.of();
	}

	/**
	 * A resource server.
	 *
	 * @param id its identifier, the {@code aud} value it accepts
	 * @param scopes the scopes it owns
	 */
	record Resource(String id, Set<String> scopes) {

		Resource {
			scopes = Set.copyOf(scopes);
		}

	}

}
