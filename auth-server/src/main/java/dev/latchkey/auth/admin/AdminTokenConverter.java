package dev.latchkey.auth.admin;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What an access token may do in the admin API. Only a service's own token counts: one
 * from client credentials ({@code sub} is its {@code client_id}, no {@code roles}) whose
 * audience is that client or this issuer, not another resource server. Its
 * {@code admin.read} and {@code admin.write} scopes become authorities; a person's token
 * or one minted for a resource server gets none, so it is refused with 403.
 * <p>
 * CAUTION: a token for a resource server carries that server in {@code aud}; refusing it
 * keeps a resource server from replaying its callers' tokens against this API.
 */
final class AdminTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final @Nullable String issuer;

	AdminTokenConverter(@Nullable String issuer) {
		this.issuer = issuer;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String clientId = jwt.getClaimAsString("client_id");
		if (this.issuer != null && (jwt.getIssuer() == null || !this.issuer.equals(jwt.getIssuer().toString()))) {
			throw new InvalidBearerTokenException("The token was issued by another server");
		}
		if (clientId == null) {
			throw new InvalidBearerTokenException("The token names no client");
		}
		List<GrantedAuthority> authorities = isServiceTokenForUs(jwt, clientId) ? scopes(jwt) : List.of();
		return new JwtAuthenticationToken(jwt, authorities, clientId);
	}

	private boolean isServiceTokenForUs(Jwt jwt, String clientId) {
		List<String> audience = (jwt.getAudience() != null) ? jwt.getAudience() : List.of();
		return Objects.equals(jwt.getSubject(), clientId) && !jwt.hasClaim("roles") && !audience.isEmpty()
				&& audience.stream().allMatch((aud) -> aud.equals(clientId) || aud.equals(this.issuer));
	}

	private static List<GrantedAuthority> scopes(Jwt jwt) {
		Object scope = jwt.getClaims().get("scope");
		List<String> scopes = (scope instanceof String text) ? List.of(text.split(" "))
				: (scope instanceof java.util.Collection<?> values) ? values.stream().map(String::valueOf).toList()
						: List.of();
		return scopes.stream()
			.filter(AdminAccess.SCOPES::contains)
			.<GrantedAuthority>map((name) -> new SimpleGrantedAuthority("SCOPE_" + name))
			.toList();
	}

}
