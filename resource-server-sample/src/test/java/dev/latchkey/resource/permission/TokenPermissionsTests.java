package dev.latchkey.resource.permission;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class TokenPermissionsTests {

	private final TokenPermissions tokenPermissions = new TokenPermissions(
			new PermissionPolicy(new PermissionProperties(List.of("ADMIN > MANAGER > USER > GUEST"),
					Map.of("USER", Set.of(Permission.READ), "MANAGER", Set.of(Permission.WRITE, Permission.EXPORT),
							"ADMIN", Set.of(Permission.DELETE)),
					Map.of("documents.read", Set.of(Permission.READ, Permission.EXPORT), "documents.write",
							Set.of(Permission.WRITE, Permission.DELETE)))));

	@Test
	void convertWhenServiceTokenThenScopesPermissionsAndSubjectAsName() {
		Jwt token = token(Map.of("sub", "demo-service", "client_id", "demo-service", "scope", "documents.read"));
		assertThat(this.tokenPermissions.convert(token).getName()).isEqualTo("demo-service");
		assertThat(authorities(token)).containsExactlyInAnyOrder("PERMISSION_read", "PERMISSION_export");
	}

	@Test
	void convertWhenUserTokenThenRolesLimitedByScopes() {
		Jwt token = token(Map.of("sub", "account-1", "client_id", "demo-web", "scope", "documents.read", "roles",
				List.of("ADMIN")));
		assertThat(authorities(token)).containsExactlyInAnyOrder("PERMISSION_read", "PERMISSION_export");
	}

	@Test
	void convertWhenRolesClaimEmptyOrMissingOnUserTokenThenNothing() {
		assertThat(authorities(token(Map.of("sub", "demo-service", "client_id", "demo-service", "scope",
				"documents.read documents.write", "roles", List.of()))))
			.as("an empty roles claim makes it a user token")
			.isEmpty();
		assertThat(authorities(
				token(Map.of("sub", "account-2", "client_id", "demo-web", "scope", "documents.read documents.write"))))
			.as("a subject other than the client makes it a user token")
			.isEmpty();
	}

	@Test
	void convertWhenScopeHasExtraSpacesThenStillParsed() {
		Jwt token = token(Map.of("sub", "svc", "client_id", "svc", "scope", "  documents.write   openid "));
		assertThat(authorities(token)).containsExactlyInAnyOrder("PERMISSION_write", "PERMISSION_delete");
	}

	private List<String> authorities(Jwt token) {
		return this.tokenPermissions.convert(token)
			.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList();
	}

	private static Jwt token(Map<String, Object> claims) {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		return Jwt.withTokenValue("t")
			.header("alg", "ES256")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(600))
			.claims((all) -> all.putAll(claims))
			.build();
	}

}
