package dev.latchkey.auth.reset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reset link tokens are 256 random bits in base64url, and only tokens of that shape are
 * ever hashed and looked up.
 */
class ResetTokensTests {

	@Test
	void newTokenWhenCalledThenFortyThreeBase64UrlCharactersOf256Bits() {
		String token = ResetTokens.newToken();
		assertThat(token).matches("[A-Za-z0-9_-]{43}");
		assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
	}

	@Test
	void newTokenWhenCalledRepeatedlyThenNeverTheSame() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			tokens.add(ResetTokens.newToken());
		}
		assertThat(tokens).hasSize(1000);
	}

	@Test
	void hashWhenTokenOfOursThenItsSha256() throws Exception {
		String token = ResetTokens.newToken();
		byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		assertThat(ResetTokens.hash(token)).hasValueSatisfying((hash) -> assertThat(hash).isEqualTo(expected));
	}

	@Test
	void hashWhenNotShapedLikeATokenThenEmpty() {
		String token = ResetTokens.newToken();
		assertThat(ResetTokens.hash(token.substring(1))).isEmpty();
		assertThat(ResetTokens.hash(token + "A")).isEmpty();
		assertThat(ResetTokens.hash(token.substring(1) + "+")).isEmpty();
		assertThat(ResetTokens.hash(token.substring(1) + "=")).isEmpty();
		assertThat(ResetTokens.hash("")).isEmpty();
		assertThat(ResetTokens.hash(token + "\n")).isEmpty();
	}

}
