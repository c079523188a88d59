package dev.latchkey.auth.lockout;

import java.time.Duration;

/**
 * Bounds checks for the lockout and rate-limit settings, each failing with a message that
 * names the setting.
 */
final class Settings {

	private Settings() {
	}

	static void requireBetween(String setting, Duration value, Duration least, Duration most) {
		if (value.compareTo(least) < 0 || value.compareTo(most) > 0) {
			throw new IllegalArgumentException(
					setting + " must be " + describe(least) + " to " + describe(most) + ", not " + describe(value));
		}
	}

	static void requireBetween(String setting, int value, int least, int most) {
		if (value < least || value > most) {
			throw new IllegalArgumentException(setting + " must be " + least + " to " + most + ", not " + value);
		}
	}

	/**
	 * A duration as settings write it, e.g. {@code 15m} or {@code 1h30m}.
	 */
	static String describe(Duration duration) {
		return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

}
