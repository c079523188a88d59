package dev.latchkey.auth.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Sends the authorization code back to the client with {@code state} and the issuer
 * ({@code iss}, RFC 9207, so a client talking to several servers cannot be tricked into
 * sending a code to the wrong one).
 * <p>
 * CAUTION: the redirect URL carries the code. The framework's redirect strategy logs it
 * at DEBUG; this handler redirects without logging it.
 */
final class AuthorizationResponse implements AuthenticationSuccessHandler {

	static final String ISSUER_PARAMETER = "iss";

	@Override
	@SuppressFBWarnings(value = "UNVALIDATED_REDIRECT",
			justification = "The redirect URI passed ExactRedirectUriValidator: it is one the client registered")
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		OAuth2AuthorizationCode code = Objects.requireNonNull(result.getAuthorizationCode(),
				"A successful authorization request carries a code");
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
			.queryParam(OAuth2ParameterNames.CODE, code.getTokenValue());
		addEncoded(uri, OAuth2ParameterNames.STATE, result.getState());
		addEncoded(uri, ISSUER_PARAMETER, issuer());
		response.sendRedirect(uri.build(true).toUriString());
	}

	static void addEncoded(UriComponentsBuilder uri, String name, String value) {
		if (StringUtils.hasText(value)) {
			uri.queryParam(name, UriUtils.encode(value, StandardCharsets.UTF_8));
		}
	}

	static String issuer() {
		return (AuthorizationServerContextHolder.getContext() != null)
				? AuthorizationServerContextHolder.getContext().getIssuer() : null;
	}

}
