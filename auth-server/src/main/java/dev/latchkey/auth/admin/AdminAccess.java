package dev.latchkey.auth.admin;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may read and who may act in the console and the admin API.
 */
public final class AdminAccess {

	/** The scopes of the admin API. */
	public static final Set<String> SCOPES = Set.of("admin.read", "admin.write");

	/** Authorities that may read: managers, admins, and tokens with either scope. */
	static final String[] READERS = { "ROLE_ADMIN", "ROLE_MANAGER", "SCOPE_admin.read", "SCOPE_admin.write" };

	/** Authorities that may act: admins and tokens with {@code admin.write}. */
	static final String[] WRITERS = { "ROLE_ADMIN", "SCOPE_admin.write" };

	private AdminAccess() {
	}

	/**
	 * Whether the current request may change things in the console or the API.
	 * @return true for an admin or a token with {@code admin.write}
	 */
	public static boolean canWrite() {
		return has(current(), WRITERS);
	}

	/**
	 * Whether the current request may read the console or the API.
	 * @return true for a manager, an admin or a token with an admin scope
	 */
	public static boolean canRead() {
		return has(current(), READERS);
	}

	private static @Nullable Authentication current() {
		return SecurityContextHolder.getContext().getAuthentication();
	}

	private static boolean has(@Nullable Authentication authentication, String[] authorities) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		Set<String> wanted = Set.of(authorities);
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(wanted::contains);
	}

}
