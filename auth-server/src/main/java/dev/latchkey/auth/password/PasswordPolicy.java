package dev.latchkey.auth.password;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The password rules of DESIGN.md section 4 that need no hashing: length in code points
 * (never truncated), composition, the blocklist and context words. Reuse of a recent
 * password is checked by {@link Passwords}, which has to hash.
 */
@Component
final class PasswordPolicy {

	/** Always refused as part of a password. */
	static final String SERVICE_NAME = "latchkey";

	/** Shorter parts of an email or name are too often a coincidence to refuse. */
	private static final int MIN_CONTEXT_WORD_LENGTH = 4;

	private final PasswordProperties properties;

	private final Blocklist blocklist;

	PasswordPolicy(PasswordProperties properties, Blocklist blocklist) {
		this.properties = properties;
		this.blocklist = blocklist;
	}

	/**
	 * Checks a new password of an account.
	 * @param candidate the new password
	 * @param email the account's email address
	 * @param displayName the account's display name
	 * @return every rule it breaks, none if it is fine
	 */
	List<PasswordViolation> check(String candidate, String email, String displayName) {
		List<PasswordViolation> violations = new ArrayList<>();
		int length = candidate.codePointCount(0, candidate.length());
		if (length < this.properties.minLength()) {
			violations.add(new PasswordViolation("password.tooShort", this.properties.minLength(), length));
		}
		if (length > this.properties.maxLength()) {
			violations.add(new PasswordViolation("password.tooLong", this.properties.maxLength(), length));
		}
		if (this.properties.requireComposition()) {
			checkComposition(candidate, violations);
		}
		if (this.blocklist.contains(candidate)) {
			violations.add(new PasswordViolation("password.blocklisted"));
		}
		String lower = candidate.toLowerCase(Locale.ROOT);
		String undone = Blocklist.undoSubstitutions(lower);
		for (String word : contextWords(email, displayName)) {
			if (lower.contains(word) || undone.contains(word)) {
				violations.add(new PasswordViolation("password.contextWord", word));
				break;
			}
		}
		return violations;
	}

	private static void checkComposition(String candidate, List<PasswordViolation> violations) {
		if (candidate.codePoints().noneMatch(Character::isUpperCase)) {
			violations.add(new PasswordViolation("password.needsUpper"));
		}
		if (candidate.codePoints().noneMatch(Character::isLowerCase)) {
			violations.add(new PasswordViolation("password.needsLower"));
		}
		if (candidate.codePoints().noneMatch(Character::isDigit)) {
			violations.add(new PasswordViolation("password.needsDigit"));
		}
		if (candidate.codePoints().allMatch(Character::isLetterOrDigit)) {
			violations.add(new PasswordViolation("password.needsSymbol"));
		}
	}

	/**
	 * The words a password must not contain: the service's name, the email's local part
	 * and its pieces, and the display name and its words.
	 */
	static Set<String> contextWords(String email, String displayName) {
		Set<String> words = new LinkedHashSet<>();
		words.add(SERVICE_NAME);
		int at = email.lastIndexOf('@');
		String localPart = ((at >= 0) ? email.substring(0, at) : email).toLowerCase(Locale.ROOT);
		addWords(localPart, words);
		addWords(displayName.toLowerCase(Locale.ROOT), words);
		return words;
	}

	private static void addWords(String text, Set<String> words) {
		String[] pieces = text.split("[^\\p{L}\\p{N}]+");
		String joined = String.join("", pieces);
		if (joined.length() >= MIN_CONTEXT_WORD_LENGTH) {
			words.add(joined);
		}
		for (String piece : pieces) {
			if (piece.length() >= MIN_CONTEXT_WORD_LENGTH) {
				words.add(piece);
			}
		}
	}

}
