package dev.latchkey.auth.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2TokenRevocationAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.PublicClientAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes token and revocation requests as Latchkey receives them: optional header lines
 * ({@code Authorization: ...}), a blank line, then the form body. The request passes the
 * parameter size limit, client authentication in the protocol chain's order (Latchkey's
 * {@link PublicClientTokenRequests} first, then the framework's converters), Latchkey's
 * {@link PublicClientAuthentication}, and the grant parsing. Every input must end
 * accepted, ignored or refused with an OAuth error. Seeds:
 * {@code TokenRequestFuzzTestsInputs}.
 */
class TokenRequestFuzzTests {

	private static final RegisteredClient SPA = RegisteredClient.withId("demo-spa-id")
		.clientId("demo-spa")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
		.redirectUri("http://127.0.0.1:8080/spa/callback")
		.scope("openid")
		.build();

	private static final RegisteredClient SERVICE = RegisteredClient.withId("demo-service-id")
		.clientId("demo-service")
		.clientSecret("{noop}demo-service-secret")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.scope("documents.read")
		.build();

	private final ParameterSizeLimit sizeLimit = new ParameterSizeLimit();

	private final List<AuthenticationConverter> clientAuthentication = List.of(new PublicClientTokenRequests(),
			new ClientSecretBasicAuthenticationConverter(), new ClientSecretPostAuthenticationConverter(),
			new PublicClientAuthenticationConverter());

	private final PublicClientAuthentication publicClients = new PublicClientAuthentication(
			new InMemoryRegisteredClientRepository(SPA, SERVICE));

	private final List<AuthenticationConverter> grants = List.of(new OAuth2AuthorizationCodeAuthenticationConverter(),
			new OAuth2RefreshTokenAuthenticationConverter(), new OAuth2ClientCredentialsAuthenticationConverter(),
			new OAuth2TokenRevocationAuthenticationConverter());

	@AfterEach
	void clearContext() {
		AuthorizationServerContextHolder.resetContext();
		SecurityContextHolder.clearContext();
	}

	@FuzzTest(maxDuration = "60s")
	void tokenWhenAnyRequestThenAcceptedOrRefusedWithOAuthError(byte[] input) throws Exception {
		FuzzRequests.setServerContext();
		String text = new String(input, StandardCharsets.UTF_8);
		int blank = text.indexOf("\n\n");
		String path = text.startsWith("revoke\n") ? "/oauth2/revoke" : "/oauth2/token";
		MockHttpServletRequest request = FuzzRequests.withParameters("POST", path,
				(blank < 0) ? text : text.substring(blank + 2));
		if (blank >= 0) {
			addHeaders(request, text.substring(0, blank));
		}
		if (!passesSizeLimit(request)) {
			return;
		}
		try {
			Authentication client = authenticateClient(request);
			if (client == null) {
				return;
			}
			SecurityContextHolder.getContext().setAuthentication(client);
			for (AuthenticationConverter grant : this.grants) {
				grant.convert(request);
			}
		}
		catch (OAuth2AuthenticationException refused) {
			assertThat(refused.getError().getErrorCode()).isNotBlank();
		}
	}

	private Authentication authenticateClient(MockHttpServletRequest request) {
		for (AuthenticationConverter converter : this.clientAuthentication) {
			Authentication client = converter.convert(request);
			if (client instanceof OAuth2ClientAuthenticationToken token) {
				if (converter instanceof PublicClientTokenRequests) {
					// Null: not one for this provider (e.g. a repeated grant_type); the
					// framework's providers then refuse it.
					Authentication known = this.publicClients.authenticate(token);
					assertThat(known == null || known.isAuthenticated()).isTrue();
					return known;
				}
				return token;
			}
		}
		return null;
	}

	private static void addHeaders(MockHttpServletRequest request, String lines) {
		for (String line : lines.split("\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				request.addHeader(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
			}
		}
	}

	private boolean passesSizeLimit(MockHttpServletRequest request) throws ServletException, IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.sizeLimit.doFilter(request, response, chain);
		if (chain.getRequest() == null) {
			assertThat(response.getStatus()).isEqualTo(400);
			assertThat(response.getContentAsString()).contains("invalid_request");
			return false;
		}
		return true;
	}

}
