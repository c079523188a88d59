package dev.latchkey.resource.permission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The permission table of DESIGN.md section 3 as settings.
 *
 * @param roleHierarchy chains of roles, highest first ({@code ADMIN > MANAGER > USER >
 * GUEST}); a role holds the permissions of every role below it
 * @param roles the permissions each role adds to those it inherits
 * @param scopes the permissions each scope allows; a user token's permissions are its
 * roles' permissions limited to those its scopes allow, a service token's are its scopes'
 */
@ConfigurationProperties("latchkey.permissions")
record PermissionProperties(List<String> roleHierarchy, Map<String, Set<Permission>> roles,
		Map<String, Set<Permission>> scopes) {

	PermissionProperties(@Nullable List<String> roleHierarchy, @Nullable Map<String, @Nullable Set<Permission>> roles,
			@Nullable Map<String, @Nullable Set<Permission>> scopes) {
		this.roleHierarchy = (roleHierarchy != null) ? List.copyOf(roleHierarchy) : List.of();
		this.roles = copy(roles);
		this.scopes = copy(scopes);
	}

	// An empty setting (GUEST=) binds as an empty or null set: both mean no permissions.
	private static Map<String, Set<Permission>> copy(@Nullable Map<String, @Nullable Set<Permission>> grants) {
		if (grants == null) {
			return Map.of();
		}
		Map<String, Set<Permission>> copy = new LinkedHashMap<>();
		grants
			.forEach((name, permissions) -> copy.put(name, (permissions != null) ? Set.copyOf(permissions) : Set.of()));
		return Map.copyOf(copy);
	}

}
