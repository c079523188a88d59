package dev.latchkey.resource.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what the API parses from a request before it trusts it: the
 * {@code Authorization} header, and the header and claims of a token, with the decoder
 * the API builds ({@link TokenConfiguration}) on a fixed key and clock. Every input must
 * end in a verified token that satisfies every rule, or in the framework's refusal
 * ({@link OAuth2AuthenticationException}, {@link JwtException}, both answered 401 or
 * 400); any other exception would be a 500. Seeds: {@code BearerTokenFuzzTestsInputs}.
 */
class BearerTokenFuzzTests {

	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final String ISSUER = "http://localhost:9000";

	private static final String AUDIENCE = "http://localhost:8081";

	private static final ECKey KEY = key();

	private final TokenProperties properties = new TokenProperties(URI.create(ISSUER), AUDIENCE, Duration.ofSeconds(60),
			DataSize.ofKilobytes(16),
			new TokenProperties.Keys(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(5), null),
			new TokenProperties.TokenCache(100));

	private final JwtDecoder decoder = TokenConfiguration.decoder(new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())),
			this.properties, Clock.fixed(NOW, ZoneOffset.UTC), (kid) -> KEY.getKeyID().equals(kid));

	private final DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();

	/** Any {@code Authorization} header value, as the API's filter chain reads it. */
	@FuzzTest(maxDuration = "60s")
	void authorizationHeaderWhenAnyValueThenVerifiedOrRefused(byte[] input) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/documents");
		request.addHeader("Authorization", new String(input, StandardCharsets.ISO_8859_1));
		String token;
		try {
			token = this.resolver.resolve(request);
		}
		catch (OAuth2AuthenticationException refused) {
			assertThat(refused.getError().getErrorCode()).isIn("invalid_request", "invalid_token");
			return;
		}
		if (token != null) {
			decodeOrRefuse(token);
		}
	}

	/**
	 * A token signed with the trusted key, whose header and claims are anything: the
	 * first line of the input is the JOSE header, the rest the claims.
	 */
	@FuzzTest(maxDuration = "60s")
	void signedTokenWhenAnyHeaderAndClaimsThenVerifiedOrRefused(byte[] input) throws JOSEException {
		String text = new String(input, StandardCharsets.UTF_8);
		int newline = text.indexOf('\n');
		String header = (newline < 0) ? text : text.substring(0, newline);
		String claims = (newline < 0) ? "" : text.substring(newline + 1);
		decodeOrRefuse(sign(header, claims));
	}

	private void decodeOrRefuse(String token) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException refused) {
			return;
		}
		// Only a token that keeps every rule gets through.
		assertThat(jwt.getHeaders().get("typ")).isIn("at+jwt", "application/at+jwt");
		assertThat(jwt.getIssuer()).hasToString(ISSUER);
		assertThat(jwt.getAudience()).contains(AUDIENCE);
		assertThat(jwt.getExpiresAt()).isAfter(NOW.minusSeconds(60));
		assertThat(jwt.getIssuedAt()).isBeforeOrEqualTo(NOW.plusSeconds(60));
		assertThat(jwt.getSubject()).isNotBlank();
		assertThat(jwt.getClaimAsString("client_id")).isNotBlank();
		assertThat(jwt.getId()).isNotBlank();
	}

	/**
	 * The raw header and claims, base64url-encoded as they are, with a valid signature.
	 */
	static String sign(String header, String claims) throws JOSEException {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String signingInput = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		String signature = new ECDSASigner(KEY)
			.sign(new JWSHeader(JWSAlgorithm.ES256), signingInput.getBytes(StandardCharsets.US_ASCII))
			.toString();
		return signingInput + "." + signature;
	}

	private static ECKey key() {
		try {
			// A fixed key, so that the seed tokens stay signed by it: the published
			// example
			// key of RFC 7515, appendix A.3.
			return ECKey.parse("""
					{"kty":"EC","crv":"P-256","kid":"fuzz-key","use":"sig","alg":"ES256",
					"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
					"d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}""");
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
