package dev.latchkey.resource.permission;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Works out effective permissions from the settings (DESIGN.md section 3): a user token
 * holds its roles' permissions, inherited ones included, limited to what its scopes
 * allow; a service token holds what its scopes allow. Unknown roles and scopes grant
 * nothing. Role names are compared without regard to case, scopes exactly.
 */
@Component
public final class PermissionPolicy {

	private final RoleHierarchy hierarchy;

	private final Map<String, Set<Permission>> roles;

	private final Map<String, Set<Permission>> scopes;

	PermissionPolicy(PermissionProperties properties) {
		this.hierarchy = RoleHierarchyImpl.fromHierarchy(String.join("\n",
				properties.roleHierarchy().stream().map((chain) -> chain.trim().toUpperCase(Locale.ROOT)).toList()));
		Map<String, Set<Permission>> roles = new HashMap<>();
		properties.roles().forEach((role, permissions) -> roles.put(role.toUpperCase(Locale.ROOT), permissions));
		this.roles = Map.copyOf(roles);
		this.scopes = properties.scopes();
	}

	/**
	 * A user token's permissions: its roles' (with those they inherit) that its scopes
	 * allow.
	 */
	public Set<Permission> forUser(Collection<String> roles, Collection<String> scopes) {
		Set<Permission> permissions = ofRoles(roles);
		permissions.retainAll(forService(scopes));
		return permissions;
	}

	/**
	 * A service token's permissions: those its scopes allow.
	 */
	public Set<Permission> forService(Collection<String> scopes) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		scopes.forEach((scope) -> permissions.addAll(this.scopes.getOrDefault(scope, Set.of())));
		return permissions;
	}

	/**
	 * The scopes that allow a permission, to tell a client which one it lacks.
	 */
	public SortedSet<String> scopesAllowing(Permission permission) {
		SortedSet<String> allowing = new TreeSet<>();
		this.scopes.forEach((scope, permissions) -> {
			if (permissions.contains(permission)) {
				allowing.add(scope);
			}
		});
		return allowing;
	}

	/**
	 * Every scope this API knows.
	 */
	public SortedSet<String> scopes() {
		return new TreeSet<>(this.scopes.keySet());
	}

	private Set<Permission> ofRoles(Collection<String> roles) {
		List<GrantedAuthority> held = roles.stream()
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority(role.toUpperCase(Locale.ROOT)))
			.toList();
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		for (GrantedAuthority role : this.hierarchy.getReachableGrantedAuthorities(held)) {
			permissions.addAll(this.roles.getOrDefault(role.getAuthority(), Set.of()));
		}
		return permissions;
	}

}
