package dev.latchkey.auth.authorization;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/**
 * What {@code /.well-known/openid-configuration} and
 * {@code /.well-known/oauth-authorization-server} advertise: exactly what Latchkey's
 * clients can use. The framework's defaults also list the token exchange grant, JWT and
 * mutual-TLS client authentication and certificate-bound tokens, none of which a Latchkey
 * client can be registered for.
 */
@Component
final class ServerMetadata {

	private static final List<String> GRANT_TYPES = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

	private static final List<String> CONFIDENTIAL_CLIENT_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());

	/** Confidential clients, and public clients with PKCE or their refresh token. */
	private static final List<String> TOKEN_ENDPOINT_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(), ClientAuthenticationMethod.NONE.getValue());

	private final List<String> scopes;

	ServerMetadata(AuthorizationProperties properties) {
		Set<String> scopes = new LinkedHashSet<>(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL));
		properties.resources().forEach((resource) -> scopes.addAll(resource.scopes().stream().sorted().toList()));
		this.scopes = List.copyOf(new ArrayList<>(scopes));
	}

	void advertise(Map<String, Object> claims) {
		claims.put("grant_types_supported", GRANT_TYPES);
		claims.put("token_endpoint_auth_methods_supported", TOKEN_ENDPOINT_METHODS);
		claims.put("introspection_endpoint_auth_methods_supported", CONFIDENTIAL_CLIENT_METHODS);
		claims.put("revocation_endpoint_auth_methods_supported", TOKEN_ENDPOINT_METHODS);
		claims.remove("tls_client_certificate_bound_access_tokens");
		claims.put("scopes_supported", this.scopes);
		// RFC 9207: authorization responses carry iss (see AuthorizationResponse).
		claims.put("authorization_response_iss_parameter_supported", true);
	}

	void advertiseOidc(Map<String, Object> claims) {
		advertise(claims);
		claims.put("backchannel_logout_supported", true);
		claims.put("backchannel_logout_session_supported", true);
		// OpenID Connect Discovery defaults this to true when omitted.
		claims.put("request_uri_parameter_supported", false);
	}

}
