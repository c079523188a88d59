package dev.latchkey.auth.admin;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who may read and who may act in the console and the admin API, and who the current
 * operator is (for the audit log).
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

	/**
	 * Who acts, as the audit log names them: {@code account:<id>} for a signed-in person,
	 * {@code client:<client_id>} for a token, {@code anonymous} otherwise.
	 * @return the actor
	 */
	public static String actor() {
		Authentication authentication = current();
		if (authentication == null || !authentication.isAuthenticated()
				|| "anonymousUser".equals(authentication.getName())) {
			return "anonymous";
		}
		if (authentication instanceof JwtAuthenticationToken) {
			return "client:" + authentication.getName();
		}
		return "account:" + authentication.getName();
	}

	/**
	 * The address the current request came from (the client's, as resolved from trusted
	 * proxies' headers), or {@code null} outside a request (the command line).
	 * @return the address
	 */
	public static @Nullable String address() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
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
