package dev.latchkey.auth.authorization;

import java.io.IOException;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Answers a failed authorization request. When the client and its redirect URI are
 * trusted, the error goes back to the client (RFC 6749, section 4.1.2.1); otherwise the
 * user sees our error page, which names the OAuth error but never echoes the request.
 */
final class AuthorizationErrorPage implements AuthenticationFailureHandler {

	static final String ERROR_ATTRIBUTE = "latchkey.oauth2.error";

	@Override
	@SuppressFBWarnings(value = "UNVALIDATED_REDIRECT",
			justification = "Only the redirect URI of a request that passed the redirect URI check is used; "
					+ "an error about the redirect URI carries none and gets the error page")
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeException)
				? codeException.getAuthorizationCodeRequestAuthentication() : null;
		if (authorizationRequest == null || !StringUtils.hasText(authorizationRequest.getRedirectUri())) {
			request.setAttribute(ERROR_ATTRIBUTE, error.getErrorCode());
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(authorizationRequest.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		AuthorizationResponse.addEncoded(uri, OAuth2ParameterNames.ERROR_DESCRIPTION, error.getDescription());
		AuthorizationResponse.addEncoded(uri, OAuth2ParameterNames.ERROR_URI, error.getUri());
		AuthorizationResponse.addEncoded(uri, OAuth2ParameterNames.STATE, authorizationRequest.getState());
		AuthorizationResponse.addEncoded(uri, AuthorizationResponse.ISSUER_PARAMETER, AuthorizationResponse.issuer());
		response.sendRedirect(uri.build(true).toUriString());
	}

}
