package dev.latchkey.auth.authorization;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code flow with PKCE, end to end over real HTTP: sign-in page,
 * consent, code, tokens, ID token verified against the JWKS, userinfo, refresh,
 * revocation and introspection.
 */
@LatchkeyIntegrationTest
class AuthorizationCodeFlowTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	TestOAuthClient client;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
		this.client = TestOAuthClient.demoWeb(this.browser);
	}

	@Test
	void codeFlowWhenUserSignsInAndConsentsThenTokensWorkEverywhere() throws ParseException {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = this.client.authorize("manager@example.com", "openid profile email documents.read", pkce);

		HttpResponse<String> tokenResponse = this.client.exchangeCode(code, pkce.verifier());
		assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
		assertThat(tokenResponse.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		Map<String, Object> tokens = TestOAuthClient.json(tokenResponse);
		assertThat(tokens).containsEntry("token_type", "Bearer")
			.containsKeys("access_token", "refresh_token", "id_token");

		SignedJWT idToken = this.client.verifiedWithJwks((String) tokens.get("id_token"));
		assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		JWTClaimsSet idClaims = idToken.getJWTClaimsSet();
		assertThat(idClaims.getAudience()).containsExactly("demo-web");
		assertThat(idClaims.getStringClaim("email")).isEqualTo("manager@example.com");
		assertThat(idClaims.getBooleanClaim("email_verified")).isTrue();
		assertThat(idClaims.getStringClaim("name")).isEqualTo("Max Manager");
		assertThat(idClaims.getSubject()).matches("[0-9a-f-]{36}");
		assertThat(idClaims.getExpirationTime().getTime() - idClaims.getIssueTime().getTime())
			.isEqualTo(10 * 60 * 1000L);

		SignedJWT accessToken = this.client.verifiedWithJwks((String) tokens.get("access_token"));
		assertThat(accessToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(accessToken.getHeader().getType().getType()).isEqualTo("at+jwt");
		JWTClaimsSet accessClaims = accessToken.getJWTClaimsSet();
		assertThat(accessClaims.getSubject()).isEqualTo(idClaims.getSubject());
		assertThat(accessClaims.getIssuer()).isEqualTo(this.browser.baseUrl());
		assertThat(accessClaims.getAudience()).containsExactly("http://localhost:8081");
		assertThat(accessClaims.getStringClaim("client_id")).isEqualTo("demo-web");
		assertThat(accessClaims.getStringClaim("scope")).isEqualTo("documents.read email openid profile");
		assertThat(accessClaims.getStringListClaim("roles")).containsExactly("MANAGER");
		assertThat(accessClaims.getJWTID()).isNotBlank();
		assertThat(accessClaims.getExpirationTime().getTime() - accessClaims.getIssueTime().getTime())
			.isEqualTo(10 * 60 * 1000L);

		HttpResponse<String> userInfo = this.client.userInfo((String) tokens.get("access_token"));
		assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
		assertThat(TestOAuthClient.json(userInfo)).containsEntry("sub", idClaims.getSubject())
			.containsEntry("email", "manager@example.com")
			.containsEntry("email_verified", true)
			.containsEntry("name", "Max Manager");

		HttpResponse<String> refreshed = this.client.refresh((String) tokens.get("refresh_token"));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		Map<String, Object> newTokens = TestOAuthClient.json(refreshed);
		assertThat(newTokens.get("refresh_token")).as("refresh tokens rotate")
			.isNotEqualTo(tokens.get("refresh_token"));
		this.client.verifiedWithJwks((String) newTokens.get("access_token"));

		String newAccessToken = (String) newTokens.get("access_token");
		Map<String, Object> active = TestOAuthClient.json(this.client.introspect(newAccessToken));
		assertThat(active).containsEntry("active", true)
			.containsEntry("client_id", "demo-web")
			.containsEntry("sub", idClaims.getSubject());

		HttpResponse<String> revoked = this.client.revoke(newAccessToken);
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(TestOAuthClient.json(this.client.introspect(newAccessToken))).containsEntry("active", false);
		assertThat(this.client.userInfo(newAccessToken).statusCode()).isEqualTo(401);
	}

	@Test
	void userInfoWhenOnlyOpenidScopeThenOnlySubject() throws ParseException {
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = this.client.authorize("user@example.com", "openid", pkce);
		Map<String, Object> tokens = TestOAuthClient.json(this.client.exchangeCode(code, pkce.verifier()));

		Map<String, Object> userInfo = TestOAuthClient.json(this.client.userInfo((String) tokens.get("access_token")));
		assertThat(userInfo).containsOnlyKeys("sub");
		JWTClaimsSet access = SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet();
		assertThat(access.getAudience()).as("no resource scope: the client is the audience")
			.isEqualTo(List.of("demo-web"));
	}

	@Test
	void signInPageWhenWrongPasswordThenSamePageWithMessage() {
		HttpResponse<String> response = this.browser.signIn("user@example.com", "wrong-password-123!");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(response)).endsWith("/login?error");
		HttpResponse<String> page = this.browser.get("/login?error");
		assertThat(page.body()).contains("The email address or password is wrong");
	}

}
