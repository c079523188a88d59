package dev.latchkey.auth.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterEach;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the authorization request as Latchkey receives it: any query string passes the
 * parameter size limit, the framework's request parsing, and Latchkey's exact redirect
 * URI check followed by the scope check, as the protocol chain wires them. Every input
 * must end accepted or refused with an OAuth error; any other exception would be a server
 * error in a person's browser. Seeds: {@code AuthorizationRequestFuzzTestsInputs}.
 */
class AuthorizationRequestFuzzTests {

	private static final RegisteredClient CLIENT = RegisteredClient.withId("demo-web-id")
		.clientId("demo-web")
		.clientSecret("{noop}demo-web-secret")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("http://127.0.0.1:8080/callback")
		.scope("openid")
		.scope("profile")
		.scope("documents.read")
		.clientSettings(ClientSettings.builder().requireProofKey(true).build())
		.build();

	private final ParameterSizeLimit sizeLimit = new ParameterSizeLimit();

	private final AuthenticationConverter parser = new OAuth2AuthorizationCodeRequestAuthenticationConverter();

	private final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator = new ExactRedirectUriValidator()
		.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR);

	@AfterEach
	void clearContext() {
		AuthorizationServerContextHolder.resetContext();
		SecurityContextHolder.clearContext();
	}

	@FuzzTest(maxDuration = "60s")
	void authorizeWhenAnyQueryThenAcceptedOrRefusedWithOAuthError(byte[] input) throws Exception {
		FuzzRequests.setServerContext();
		MockHttpServletRequest request = FuzzRequests.withParameters("GET", "/oauth2/authorize",
				new String(input, StandardCharsets.UTF_8));
		if (!passesSizeLimit(request)) {
			return;
		}
		Authentication parsed;
		try {
			parsed = this.parser.convert(request);
		}
		catch (OAuth2AuthenticationException refused) {
			assertThat(refused.getError().getErrorCode()).isNotBlank();
			return;
		}
		if (!(parsed instanceof OAuth2AuthorizationCodeRequestAuthenticationToken codeRequest)
				|| !CLIENT.getClientId().equals(codeRequest.getClientId())) {
			// Not an authorization request, or an unknown client: the provider refuses it
			// before any validator runs.
			return;
		}
		validate(codeRequest);
	}

	private boolean passesSizeLimit(MockHttpServletRequest request) throws ServletException, IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.sizeLimit.doFilter(request, response, chain);
		if (chain.getRequest() == null) {
			assertThat(response.getStatus()).isEqualTo(400);
			return false;
		}
		return true;
	}

	private void validate(OAuth2AuthorizationCodeRequestAuthenticationToken codeRequest) {
		OAuth2AuthorizationCodeRequestAuthenticationContext context = OAuth2AuthorizationCodeRequestAuthenticationContext
			.with(codeRequest)
			.registeredClient(CLIENT)
			.build();
		try {
			this.validator.accept(context);
			assertThat(codeRequest.getRedirectUri()).isIn(null, "", "http://127.0.0.1:8080/callback");
		}
		catch (OAuth2AuthorizationCodeRequestAuthenticationException refused) {
			if (refused.getError().getDescription() != null
					&& refused.getError().getDescription().contains(OAuth2ParameterNames.REDIRECT_URI)) {
				// An error about the redirect URI is never sent to that URI.
				assertThat(refused.getAuthorizationCodeRequestAuthentication().getRedirectUri()).isNull();
			}
		}
	}

}
