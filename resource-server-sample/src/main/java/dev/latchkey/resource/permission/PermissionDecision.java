package dev.latchkey.resource.permission;

import java.util.SortedSet;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * The outcome of a permission check, with what a denied client needs to know: the
 * permission the endpoint requires and the scopes that allow it.
 */
public final class PermissionDecision extends AuthorizationDecision {

	private final Permission permission;

	private final SortedSet<String> scopesAllowing;

	PermissionDecision(boolean granted, Permission permission, SortedSet<String> scopesAllowing) {
		super(granted);
		this.permission = permission;
		this.scopesAllowing = scopesAllowing;
	}

	public Permission permission() {
		return this.permission;
	}

	public SortedSet<String> scopesAllowing() {
		return this.scopesAllowing;
	}

}
