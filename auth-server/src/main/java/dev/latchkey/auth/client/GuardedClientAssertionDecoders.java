package dev.latchkey.auth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.client.RestTemplate;

/**
 * Decodes {@code private_key_jwt} client assertions with the keys at the client's
 * {@code jwks_uri}, fetched through the {@link SsrfGuard} (the framework's own decoder
 * factory fetches with an unguarded client). The framework's validators apply (issuer and
 * subject are the client id, the audience is this server, expiry).
 */
public final class GuardedClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

	private final RestTemplate keySets;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	GuardedClientAssertionDecoders(SsrfGuard guard) {
		this.keySets = new RestTemplate();
		// Every key set request goes through the guard, which applies all its rules.
		this.keySets.getInterceptors()
			.add((request, body, execution) -> new GuardedResponse(
					guard.get(request.getURI().toString(), "application/jwk-set+json, application/json")));
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		String jwkSetUrl = client.getClientSettings().getJwkSetUrl();
		if (jwkSetUrl == null
				|| !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"The client does not authenticate with private_key_jwt", null));
		}
		return this.decoders.computeIfAbsent(client.getId() + " " + jwkSetUrl, (key) -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUrl)
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.jwsAlgorithm(SignatureAlgorithm.ES256)
				.restOperations(this.keySets)
				.build();
			decoder.setJwtValidator(JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client));
			return decoder;
		});
	}

	private static final class GuardedResponse implements ClientHttpResponse {

		private final SsrfGuard.Response response;

		GuardedResponse(SsrfGuard.Response response) {
			this.response = response;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.response.status());
		}

		@Override
		public String getStatusText() {
			return "";
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = new HttpHeaders();
			if (this.response.contentType() != null) {
				headers.set(HttpHeaders.CONTENT_TYPE, this.response.contentType());
			}
			return headers;
		}

		@Override
		public InputStream getBody() throws IOException {
			return new ByteArrayInputStream(this.response.body());
		}

		@Override
		public void close() {
		}

	}

}
