package dev.latchkey.auth.authorization;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Recognises the token requests a public client (no secret) may make besides the code
 * exchange, which the framework already handles with PKCE: a refresh, and revoking its
 * own token (RFC 7009, section 2.1). They carry {@code client_id} and nothing to
 * authenticate the client with; the refresh token itself, rotated and family-protected,
 * is the credential.
 */
final class PublicClientTokenRequests implements AuthenticationConverter {

	private static final List<String> CREDENTIAL_PARAMETERS = List.of(OAuth2ParameterNames.CLIENT_SECRET,
			OAuth2ParameterNames.CLIENT_ASSERTION, OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!HttpMethod.POST.matches(request.getMethod()) || sendsCredentials(request)) {
			return null;
		}
		if (!isRefresh(request) && !isRevocation(request)) {
			return null;
		}
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds == null) {
			return null;
		}
		if (clientIds.length != 1 || clientIds[0].isBlank()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		Map<String, Object> parameters = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!name.equals(OAuth2ParameterNames.CLIENT_ID)) {
				parameters.put(name, (values.length == 1) ? values[0] : values);
			}
		});
		return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
	}

	private static boolean sendsCredentials(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| CREDENTIAL_PARAMETERS.stream().anyMatch((name) -> request.getParameter(name) != null);
	}

	static boolean isRefresh(HttpServletRequest request) {
		return AuthorizationGrantType.REFRESH_TOKEN.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
	}

	private static boolean isRevocation(HttpServletRequest request) {
		String endpoint = AuthorizationServerContextHolder.getContext()
			.getAuthorizationServerSettings()
			.getTokenRevocationEndpoint();
		return request.getRequestURI().equals(request.getContextPath() + endpoint)
				&& request.getParameter(OAuth2ParameterNames.GRANT_TYPE) == null
				&& request.getParameter(OAuth2ParameterNames.TOKEN) != null;
	}

}
