package dev.latchkey.auth.audit;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting and from where, as the audit log names them.
 */
public final class AuditActor {

	/** Scheduled work of the server itself. */
	public static final String SYSTEM = "system";

	/** Nobody signed in. */
	public static final String ANONYMOUS = "anonymous";

	private AuditActor() {
	}

	/**
	 * The current actor: {@code account:<id>} for a signed-in person,
	 * {@code client:<client_id>} for an access token, else {@code anonymous}.
	 * @return the actor
	 */
	public static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return ANONYMOUS;
		}
		if (authentication instanceof JwtAuthenticationToken
				|| authentication instanceof OAuth2ClientAuthenticationToken) {
			return "client:" + authentication.getName();
		}
		return account(authentication.getName());
	}

	/**
	 * The actor name of an account.
	 * @param id the account id
	 * @return {@code account:<id>}
	 */
	public static String account(Object id) {
		return "account:" + id;
	}

	/**
	 * The actor name of an operator at the command line.
	 * @return {@code cli:<os user>}
	 */
	public static String commandLine() {
		return "cli:" + System.getProperty("user.name", "unknown");
	}

	/**
	 * The client address of the current request (as resolved from trusted proxies'
	 * headers), or {@code null} outside a request.
	 * @return the address
	 */
	public static @Nullable String address() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

}
