package dev.latchkey.auth.authorization;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;

/**
 * Seals the response of a refresh so that a retry with the same (now spent) refresh
 * token, within the retry window, gets exactly the same successor.
 * <p>
 * The store keeps codes and tokens only as hashes, yet a retry must return the
 * successor's values. They are kept, for the retry window only, AES-256-GCM encrypted
 * under a key derived from the <em>presented</em> refresh token: HMAC-SHA256 keyed with
 * the token. The database holds only the token's plain SHA-256, from which the key cannot
 * be computed, so someone who reads the database (even with the key-encryption key)
 * cannot open the sealed response; only whoever holds the previous token can, and within
 * the window the design gives that holder the successor anyway. The family id is bound in
 * as associated data, so a sealed response cannot be moved to another row.
 */
final class RefreshRetrySeal {

	private static final byte[] KEY_LABEL = "latchkey refresh retry v1".getBytes(StandardCharsets.UTF_8);

	private static final int IV_BYTES = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RefreshRetrySeal() {
	}

	static byte[] seal(String presentedToken, String authorizationId, OAuth2AccessTokenAuthenticationToken response) {
		OAuth2AccessToken access = response.getAccessToken();
		OAuth2RefreshToken refresh = response.getRefreshToken();
		if (refresh == null) {
			throw new IllegalStateException("A rotated refresh response has no refresh token");
		}
		Map<String, String> additional = new LinkedHashMap<>();
		response.getAdditionalParameters().forEach((name, value) -> additional.put(name, String.valueOf(value)));
		Sealed sealed = new Sealed(access.getTokenValue(), access.getTokenType().getValue(), access.getIssuedAt(),
				access.getExpiresAt(), access.getScopes(), refresh.getTokenValue(), refresh.getIssuedAt(),
				refresh.getExpiresAt(), additional);
		byte[] iv = new byte[IV_BYTES];
		RANDOM.nextBytes(iv);
		byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, presentedToken, authorizationId, iv)
			.doFinal(JSON.writeValueAsBytes(sealed));
		byte[] result = Arrays.copyOf(iv, IV_BYTES + ciphertext.length);
		System.arraycopy(ciphertext, 0, result, IV_BYTES, ciphertext.length);
		return result;
	}

	static Sealed open(String presentedToken, String authorizationId, byte[] sealed) {
		byte[] iv = Arrays.copyOf(sealed, IV_BYTES);
		byte[] plaintext = cipher(Cipher.DECRYPT_MODE, presentedToken, authorizationId, iv).doFinal(sealed, IV_BYTES,
				sealed.length - IV_BYTES);
		return JSON.readValue(plaintext, Sealed.class);
	}

	private static Crypto cipher(int mode, String presentedToken, String authorizationId, byte[] iv) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(presentedToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, new SecretKeySpec(hmac.doFinal(KEY_LABEL), "AES"), new GCMParameterSpec(128, iv));
			cipher.updateAAD(authorizationId.getBytes(StandardCharsets.UTF_8));
			return new Crypto(cipher);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot set up AES-GCM for a refresh retry", ex);
		}
	}

	private record Crypto(Cipher cipher) {

		byte[] doFinal(byte[] input) {
			return doFinal(input, 0, input.length);
		}

		byte[] doFinal(byte[] input, int offset, int length) {
			try {
				return this.cipher.doFinal(input, offset, length);
			}
			catch (GeneralSecurityException ex) {
				// Wrong token or tampered data; never says which value was used.
				throw new IllegalStateException("A sealed refresh response cannot be opened", ex);
			}
		}

	}

	/**
	 * A token response as it was sent.
	 */
	record Sealed(String accessToken, String tokenType, @Nullable Instant accessTokenIssuedAt,
			@Nullable Instant accessTokenExpiresAt, Set<String> scopes, String refreshToken,
			@Nullable Instant refreshTokenIssuedAt, @Nullable Instant refreshTokenExpiresAt,
			Map<String, String> additionalParameters) {

		OAuth2AccessToken toAccessToken() {
			OAuth2AccessToken.TokenType type = OAuth2AccessToken.TokenType.DPOP.getValue()
				.equalsIgnoreCase(this.tokenType) ? OAuth2AccessToken.TokenType.DPOP
						: OAuth2AccessToken.TokenType.BEARER;
			return new OAuth2AccessToken(type, this.accessToken, this.accessTokenIssuedAt, this.accessTokenExpiresAt,
					this.scopes);
		}

		OAuth2RefreshToken toRefreshToken() {
			return new OAuth2RefreshToken(this.refreshToken, this.refreshTokenIssuedAt, this.refreshTokenExpiresAt);
		}

		Map<String, Object> toAdditionalParameters() {
			return new LinkedHashMap<>(this.additionalParameters);
		}

	}

}
