package dev.latchkey.resource.permission;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: what the API makes of the caller's token. Any valid token may ask.
 */
@RestController
class MeController {

	@GetMapping("/api/me")
	Me me(JwtAuthenticationToken authentication) {
		Jwt token = authentication.getToken();
		return new Me(token.getSubject(), token.getClaimAsString("client_id"),
				TokenPermissions.isService(token) ? "service" : "user", TokenPermissions.roles(token),
				TokenPermissions.scopes(token),
				TokenPermissions.permissions(authentication).stream().map(Permission::value).toList());
	}

	/**
	 * The caller as the API sees it.
	 *
	 * @param subject the token's {@code sub}: the account id of a user, the client id of
	 * a service
	 * @param client the client the token was issued to
	 * @param kind {@code user} or {@code service}
	 * @param roles the roles the token carries
	 * @param scopes the scopes the token carries
	 * @param permissions the effective permissions
	 */
	record Me(String subject, String client, String kind, List<String> roles, List<String> scopes,
			List<String> permissions) {
	}

}
