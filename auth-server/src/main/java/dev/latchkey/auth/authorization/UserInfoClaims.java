package dev.latchkey.auth.authorization;

import java.util.function.Function;

import dev.latchkey.auth.account.Accounts;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.stereotype.Component;

/**
 * The userinfo response: the account's current standard claims, as far as the access
 * token's scopes allow.
 */
@Component
final class UserInfoClaims implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final Accounts accounts;

	UserInfoClaims(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		return this.accounts.findBySubject(authorization.getPrincipalName())
			.filter((account) -> account.enabled())
			.map((account) -> new OidcUserInfo(StandardClaims.of(account, context.getAccessToken().getScopes())))
			.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN));
	}

}
