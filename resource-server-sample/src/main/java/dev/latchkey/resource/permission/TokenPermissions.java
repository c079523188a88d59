package dev.latchkey.resource.permission;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns a verified access token into an authentication whose authorities are its
 * effective permissions, worked out once here and nowhere else.
 * <p>
 * A token is a service token (client credentials, no user) when it has no {@code roles}
 * claim and its subject is its client. Anything else is a user token, and a user token
 * without roles holds no permission: a missing claim never widens access.
 */
@Component
public final class TokenPermissions implements Converter<Jwt, AbstractAuthenticationToken> {

	private final PermissionPolicy policy;

	TokenPermissions(PermissionPolicy policy) {
		this.policy = policy;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt token) {
		List<String> scopes = scopes(token);
		Set<Permission> permissions = isService(token) ? this.policy.forService(scopes)
				: this.policy.forUser(roles(token), scopes);
		List<GrantedAuthority> authorities = permissions.stream()
			.map((permission) -> (GrantedAuthority) new SimpleGrantedAuthority(permission.authority()))
			.toList();
		return new JwtAuthenticationToken(token, authorities, token.getSubject());
	}

	static boolean isService(Jwt token) {
		return !token.hasClaim("roles") && Objects.equals(token.getSubject(), token.getClaimAsString("client_id"));
	}

	static List<String> scopes(Jwt token) {
		String scope = token.getClaimAsString("scope");
		return (scope != null) ? Arrays.stream(scope.split(" ")).filter((s) -> !s.isEmpty()).toList() : List.of();
	}

	static List<String> roles(Jwt token) {
		List<String> roles = token.getClaimAsStringList("roles");
		return (roles != null) ? roles : List.of();
	}

	/**
	 * The permissions an authentication made by this converter holds, in declaration
	 * order.
	 */
	static List<Permission> permissions(@Nullable Authentication authentication) {
		if (authentication == null) {
			return List.of();
		}
		Collection<String> held = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		return Arrays.stream(Permission.values()).filter((p) -> held.contains(p.authority())).toList();
	}

}
