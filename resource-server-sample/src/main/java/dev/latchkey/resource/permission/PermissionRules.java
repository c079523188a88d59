package dev.latchkey.resource.permission;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * The one permission check of the API: an endpoint names the permission it requires, the
 * check compares it with the permissions derived from the token, and every decision on a
 * token, granted or denied, becomes one audit line. Requests without a valid token never
 * reach it; they are answered 401 first.
 */
@Component
public final class PermissionRules {

	private final PermissionPolicy policy;

	private final PermissionAudit audit;

	PermissionRules(PermissionPolicy policy, PermissionAudit audit) {
		this.policy = policy;
		this.audit = audit;
	}

	/**
	 * The rule for an endpoint that requires {@code permission}.
	 */
	public AuthorizationManager<RequestAuthorizationContext> require(Permission permission) {
		return (authentication, context) -> decide(authentication, permission, context.getRequest());
	}

	private AuthorizationResult decide(Supplier<? extends Authentication> authentication, Permission permission,
			HttpServletRequest request) {
		if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
			return new AuthorizationDecision(false);
		}
		boolean granted = TokenPermissions.permissions(token).contains(permission);
		this.audit.record(token.getToken(), permission, request, granted);
		return new PermissionDecision(granted, permission, this.policy.scopesAllowing(permission));
	}

}
