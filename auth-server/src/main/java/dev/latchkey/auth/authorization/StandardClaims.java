package dev.latchkey.auth.authorization;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.latchkey.auth.account.AccountSummary;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;

/**
 * The OpenID Connect standard claims of an account that the granted scopes allow, for the
 * ID token and the userinfo response alike.
 */
final class StandardClaims {

	private StandardClaims() {
	}

	static Map<String, Object> of(AccountSummary account, Set<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(StandardClaimNames.SUB, account.id().toString());
		if (scopes.contains(OidcScopes.EMAIL)) {
			claims.put(StandardClaimNames.EMAIL, account.email());
			claims.put(StandardClaimNames.EMAIL_VERIFIED, account.emailVerified());
		}
		if (scopes.contains(OidcScopes.PROFILE)) {
			claims.put(StandardClaimNames.NAME, account.displayName());
		}
		return claims;
	}

}
