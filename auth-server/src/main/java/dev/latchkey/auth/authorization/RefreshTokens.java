package dev.latchkey.auth.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issues opaque refresh tokens: 256 random bits, valid for the client's refresh token
 * lifetime but never past the end of their family (the first sign-in plus the family
 * lifetime).
 * <p>
 * Unlike the framework's generator, it also issues them to public clients (single-page
 * and native apps) when the client is registered with the {@code refresh_token} grant
 * type: that grant type is the client's setting. OAuth 2.1 (section 4.3.1) allows refresh
 * tokens for public clients if they are sender-constrained or rotate; here they rotate
 * and belong to families whose reuse is detected, exactly like a confidential client's.
 */
final class RefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private static final StringKeyGenerator VALUES = new Base64StringKeyGenerator(
			Base64.getUrlEncoder().withoutPadding(), 32);

	private final JdbcAuthorizationStore store;

	private final Clock clock;

	private final Duration familyLifetime;

	RefreshTokens(JdbcAuthorizationStore store, Clock clock, Duration familyLifetime) {
		this.store = store;
		this.clock = clock;
		this.familyLifetime = familyLifetime;
	}

	@Override
	public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
		RegisteredClient client = context.getRegisteredClient();
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
				|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			return null;
		}
		Instant now = this.clock.instant();
		OAuth2Authorization authorization = context.getAuthorization();
		Instant familyStart = (authorization != null) ? this.store.startedAt(authorization.getId()).orElse(now) : now;
		Instant familyEnd = familyStart.plus(this.familyLifetime);
		Instant expiresAt = now.plus(client.getTokenSettings().getRefreshTokenTimeToLive());
		return new OAuth2RefreshToken(VALUES.generateKey(), now, expiresAt.isAfter(familyEnd) ? familyEnd : expiresAt);
	}

}
