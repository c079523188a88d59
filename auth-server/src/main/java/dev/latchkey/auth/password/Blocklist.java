package dev.latchkey.auth.password;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.nulabinc.zxcvbn.StandardDictionaries;

import org.springframework.stereotype.Component;

/**
 * Common and breached passwords that are refused. The list ships with the server: the
 * 30,000 most common passwords of Burnett's 10-million-password corpus, as packaged by
 * zxcvbn4j ({@code com.nulab-inc:zxcvbn}, MIT licence; the list itself comes from
 * Dropbox's zxcvbn).
 * <p>
 * A password is refused when it is on the list ignoring case, or when what remains after
 * stripping digits and symbols from both ends (with common letter substitutions such as
 * {@code @} for {@code a} undone) is: {@code Password123!} and {@code P@ssw0rd2024} are
 * as weak as {@code password}.
 */
@Component
final class Blocklist {

	/** Shorter cores are too often a coincidence to refuse. */
	private static final int MIN_CORE_LENGTH = 4;

	private final Set<String> passwords;

	Blocklist() {
		this(load());
	}

	Blocklist(Collection<String> passwords) {
		Set<String> normalized = new HashSet<>(passwords.size() * 2);
		passwords.forEach((password) -> normalized.add(password.toLowerCase(Locale.ROOT)));
		this.passwords = Set.copyOf(normalized);
	}

	private static Collection<String> load() {
		try {
			return StandardDictionaries.PASSWORDS_LOADER.load().getFrequencies();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the password blocklist", ex);
		}
	}

	int size() {
		return this.passwords.size();
	}

	boolean contains(String password) {
		String lower = password.toLowerCase(Locale.ROOT);
		if (this.passwords.contains(lower)) {
			return true;
		}
		String core = core(lower);
		return core.length() >= MIN_CORE_LENGTH
				&& (this.passwords.contains(core) || this.passwords.contains(core(undoSubstitutions(lower))));
	}

	/**
	 * What is left after stripping everything but letters from both ends.
	 */
	static String core(String password) {
		int start = 0;
		int end = password.length();
		while (start < end && !Character.isLetter(password.codePointAt(start))) {
			start += Character.charCount(password.codePointAt(start));
		}
		while (end > start && !Character.isLetter(password.codePointBefore(end))) {
			end -= Character.charCount(password.codePointBefore(end));
		}
		return password.substring(start, end);
	}

	/**
	 * Undoes the usual letter substitutions ("leet speak") of a lower-case password.
	 */
	static String undoSubstitutions(String lower) {
		StringBuilder result = new StringBuilder(lower.length());
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			result.append(switch (c) {
				case '@', '4' -> 'a';
				case '3' -> 'e';
				case '1', '!' -> 'i';
				case '0' -> 'o';
				case '$', '5' -> 's';
				case '7' -> 't';
				default -> c;
			});
		}
		return result.toString();
	}

}
