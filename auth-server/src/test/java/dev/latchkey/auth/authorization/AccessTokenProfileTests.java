package dev.latchkey.auth.authorization;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every access token Latchkey issues passes a strict RFC 9068 validator: header
 * {@code typ: at+jwt}, an ES256 signature by a key in the JWKS, and the required claims
 * {@code iss exp aud sub client_id iat jti}, with {@code scope} a string. A token with
 * another {@code typ} (an ID token) fails it.
 */
@LatchkeyIntegrationTest
class AccessTokenProfileTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void accessTokensWhenEveryGrantThenPassStrictRfc9068Validation() throws Exception {
		TestOAuthClient web = TestOAuthClient.demoWeb(this.browser);
		Map<String, Object> userTokens = signIn(web);
		Map<String, Object> refreshed = TestOAuthClient.json(web.refresh((String) userTokens.get("refresh_token")));
		TestOAuthClient spa = TestOAuthClient.demoSpa(new TestBrowser(this.browser.baseUrl()));
		Map<String, Object> spaTokens = signIn(spa);
		TestOAuthClient service = new TestOAuthClient(this.browser, "demo-service", "demo-service-secret");
		Map<String, Object> serviceTokens = TestOAuthClient.json(service.clientCredentials("documents.read"));

		JWTClaimsSet user = validate((String) userTokens.get("access_token"));
		assertThat(user.getStringClaim("client_id")).isEqualTo("demo-web");
		JWTClaimsSet afterRefresh = validate((String) refreshed.get("access_token"));
		assertThat(afterRefresh.getSubject()).isEqualTo(user.getSubject());
		assertThat(validate((String) spaTokens.get("access_token")).getStringClaim("client_id")).isEqualTo("demo-spa");
		assertThat(validate((String) serviceTokens.get("access_token")).getSubject()).isEqualTo("demo-service");
	}

	@Test
	void validatorWhenGivenAnIdTokenThenRejectsIt() {
		Map<String, Object> tokens = signIn(TestOAuthClient.demoWeb(this.browser));

		assertThatExceptionOfType(BadJOSEException.class).isThrownBy(() -> validate((String) tokens.get("id_token")));
	}

	@Test
	void accessTokenWhenDPoPProofSentThenBoundToTheProofKey() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();
		String proof = dPoPProof(key, this.browser.baseUrl() + "/oauth2/token");

		HttpResponse<String> response = this.browser
			.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/oauth2/token"))
				.header("Authorization",
						"Basic " + java.util.Base64.getEncoder()
							.encodeToString("demo-service:demo-service-secret".getBytes()))
				.header("DPoP", proof)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=documents.read"))
				.build());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> tokens = TestOAuthClient.json(response);
		assertThat(tokens).containsEntry("token_type", "DPoP");
		JWTClaimsSet claims = validate((String) tokens.get("access_token"));
		assertThat(claims.getJSONObjectClaim("cnf")).containsEntry("jkt",
				key.toPublicJWK().computeThumbprint().toString());
	}

	private JWTClaimsSet validate(String token) throws ParseException, BadJOSEException, JOSEException {
		HttpResponse<String> jwks = this.browser.get("/oauth2/jwks");
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"),
				new JOSEObjectType("application/at+jwt")));
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(JWKSet.parse(jwks.body()))));
		processor.setJWTClaimsSetVerifier(
				new DefaultJWTClaimsVerifier<>(null, new JWTClaimsSet.Builder().issuer(this.browser.baseUrl()).build(),
						Set.of("iss", "exp", "aud", "sub", "client_id", "iat", "jti")));
		JWTClaimsSet claims = processor.process(token, null);
		assertThat(SignedJWT.parse(token).getHeader().getKeyID()).as("kid").isNotBlank();
		assertThat(claims.getAudience()).as("aud").isNotEmpty();
		assertThat(claims.getIssueTime()).as("iat").isBefore(claims.getExpirationTime());
		assertThat(claims.getClaim("scope")).as("scope, when present, is a space-separated string")
			.satisfiesAnyOf((scope) -> assertThat(scope).isNull(),
					(scope) -> assertThat(scope).isInstanceOf(String.class));
		return claims;
	}

	private static String dPoPProof(ECKey key, String uri) throws JOSEException {
		SignedJWT proof = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
					.jwk(key.toPublicJWK())
					.build(),
				new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
					.claim("htm", "POST")
					.claim("htu", uri)
					.issueTime(new Date())
					.build());
		proof.sign(new ECDSASigner(key));
		return proof.serialize();
	}

	private static Map<String, Object> signIn(TestOAuthClient client) {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = client.authorize("user@example.com", "openid profile documents.read", pkce);
		HttpResponse<String> response = client.exchangeCode(code, pkce.verifier());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TestOAuthClient.json(response);
	}

}
