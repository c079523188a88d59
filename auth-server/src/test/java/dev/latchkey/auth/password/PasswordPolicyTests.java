package dev.latchkey.auth.password;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The password rules of DESIGN.md section 4 at each boundary.
 */
class PasswordPolicyTests {

	static final String EMAIL = "jane.doe@example.com";

	static final String NAME = "Jane Doe";

	/** One code point, two UTF-16 chars, four UTF-8 bytes. */
	static final String EMOJI = "\uD83D\uDD11";

	static final Blocklist BLOCKLIST = new Blocklist();

	final PasswordPolicy policy = policy(true);

	static PasswordPolicy policy(boolean composition) {
		return new PasswordPolicy(new PasswordProperties(12, 128, composition, 5, false, Duration.ofDays(90),
				new PasswordProperties.Hashing(0, Duration.ofSeconds(2))), BLOCKLIST);
	}

	List<String> codes(String candidate) {
		return this.policy.check(candidate, EMAIL, NAME).stream().map(PasswordViolation::code).toList();
	}

	@Test
	void checkWhen11CodePointsThenTooShort() {
		assertThat(this.policy.check("Aa1!aaaaaaa", EMAIL, NAME))
			.containsExactly(new PasswordViolation("password.tooShort", 12, 11));
	}

	@Test
	void checkWhen12CodePointsThenAccepted() {
		assertThat(codes("Aa1!bqzmxkvw")).isEmpty();
	}

	@Test
	void checkWhen128CodePointsThenAccepted() {
		assertThat(codes("Aa1!" + "qzmx".repeat(31))).isEmpty();
	}

	@Test
	void checkWhen129CodePointsThenTooLongNotTruncated() {
		assertThat(this.policy.check("Aa1!" + "qzmx".repeat(31) + "v", EMAIL, NAME))
			.containsExactly(new PasswordViolation("password.tooLong", 128, 129));
	}

	@Test
	void checkWhenFourByteEmojiThenCountsAsOneCodePoint() {
		String elevenPlusEmoji = "Aa1!bqzmxkv" + EMOJI;
		assertThat(elevenPlusEmoji).hasSize(13);
		assertThat(codes(elevenPlusEmoji)).isEmpty();
		String tenPlusEmoji = "Aa1!bqzmxk" + EMOJI;
		assertThat(this.policy.check(tenPlusEmoji, EMAIL, NAME))
			.containsExactly(new PasswordViolation("password.tooShort", 12, 11));
		String emojis128 = "Aa1!" + EMOJI.repeat(124);
		assertThat(emojis128).hasSize(252);
		assertThat(codes(emojis128)).isEmpty();
		assertThat(this.policy.check(emojis128 + EMOJI, EMAIL, NAME))
			.containsExactly(new PasswordViolation("password.tooLong", 128, 129));
	}

	@Test
	void checkWhenCompositionMissingThenEachNamed() {
		assertThat(codes("qzmxkvbqzmxkvb")).containsExactly("password.needsUpper", "password.needsDigit",
				"password.needsSymbol");
		assertThat(codes("QZMXKVBQZMX1!")).containsExactly("password.needsLower");
	}

	@Test
	void checkWhenCompositionOffThenLongLowerCasePassphraseAccepted() {
		assertThat(policy(false).check("violet tractor mango ribbon", EMAIL, NAME)).isEmpty();
		assertThat(policy(true).check("violet tractor mango ribbon", EMAIL, NAME)).isNotEmpty();
	}

	@Test
	void checkWhenBlocklistedThenRefused() {
		assertThat(codes("Password1234!")).containsExactly("password.blocklisted");
		assertThat(codes("P@ssw0rd2024!")).containsExactly("password.blocklisted");
		assertThat(policy(false).check("1qaz2wsx3edc", EMAIL, NAME)).extracting(PasswordViolation::code)
			.containsExactly("password.blocklisted");
		assertThat(policy(false).check("QWERTY123456", EMAIL, NAME)).extracting(PasswordViolation::code)
			.containsExactly("password.blocklisted");
	}

	@Test
	void checkWhenContextWordThenRefusedNamingIt() {
		assertThat(this.policy.check("Latchkey-2024-Rocks!", EMAIL, NAME))
			.containsExactly(new PasswordViolation("password.contextWord", "latchkey"));
		assertThat(this.policy.check("L@tchk3y-Qz9!", EMAIL, NAME))
			.containsExactly(new PasswordViolation("password.contextWord", "latchkey"));
		assertThat(this.policy.check("Xq!9JaneDoeZz", EMAIL, NAME))
			.containsExactly(new PasswordViolation("password.contextWord", "janedoe"));
		assertThat(this.policy.check("Vq!9-doe-Zz77", "doe.smith@example.com", "Someone Else")).isEmpty();
		assertThat(this.policy.check("Vq!9-SMITH-Zz7", "doe.smith@example.com", "Someone Else"))
			.containsExactly(new PasswordViolation("password.contextWord", "smith"));
	}

	@Test
	void contextWordsWhenEmailAndNameThenLocalPartNameAndService() {
		assertThat(PasswordPolicy.contextWords("jane.doe+x@example.com", "Jane Q. Doe")).contains("latchkey",
				"janedoex", "jane", "janeqdoe");
	}

	@Test
	void blocklistWhenLoadedThenAtLeastTenThousandPasswords() {
		assertThat(BLOCKLIST.size()).isGreaterThanOrEqualTo(10_000);
		assertThat(BLOCKLIST.contains("dragon")).isTrue();
		assertThat(BLOCKLIST.contains("Orchid-Lantern-42!")).isFalse();
	}

}
