package dev.latchkey.auth.authorization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RefreshRetrySealTests {

	private static final RegisteredClient CLIENT = RegisteredClient.withId("client")
		.clientId("client")
		.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
		.build();

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final OAuth2AccessTokenAuthenticationToken response = new OAuth2AccessTokenAuthenticationToken(CLIENT,
			new OAuth2ClientAuthenticationToken(CLIENT, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null),
			new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", this.now, this.now.plusSeconds(600),
					Set.of("openid", "profile")),
			new OAuth2RefreshToken("successor", this.now, this.now.plusSeconds(3600)), Map.of("id_token", "id"));

	@Test
	void openWhenSamePresentedTokenThenSameResponse() {
		byte[] sealed = RefreshRetrySeal.seal("previous", "family", this.response);

		RefreshRetrySeal.Sealed opened = RefreshRetrySeal.open("previous", "family", sealed);

		assertThat(opened.toAccessToken().getTokenValue()).isEqualTo("access");
		assertThat(opened.toAccessToken().getExpiresAt()).isEqualTo(this.now.plusSeconds(600));
		assertThat(opened.toAccessToken().getScopes()).containsExactlyInAnyOrder("openid", "profile");
		assertThat(opened.toRefreshToken().getTokenValue()).isEqualTo("successor");
		assertThat(opened.toAdditionalParameters()).containsEntry("id_token", "id");
	}

	@Test
	void sealWhenStoredThenHoldsNoValueInClear() {
		byte[] sealed = RefreshRetrySeal.seal("previous", "family", this.response);

		assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("successor",
				"access");
	}

	@Test
	void openWhenOtherTokenOrFamilyThenRefused() {
		byte[] sealed = RefreshRetrySeal.seal("previous", "family", this.response);

		assertThatIllegalStateException().isThrownBy(() -> RefreshRetrySeal.open("another", "family", sealed));
		assertThatIllegalStateException().isThrownBy(() -> RefreshRetrySeal.open("previous", "other", sealed));
		sealed[sealed.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> RefreshRetrySeal.open("previous", "family", sealed));
	}

}
