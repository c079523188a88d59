package dev.latchkey.auth.lockout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;

/**
 * The rate limits, each counting in buckets of what it limits (a client address, a typed
 * email with an address, a client id), per fixed window.
 */
enum RateLimit {

	/** Failed sign-ins from one client address. */
	SIGN_IN_PER_ADDRESS("sign-in", "per-address"),

	/** Failed sign-ins with one email from one client address. */
	SIGN_IN_PER_ACCOUNT_AND_ADDRESS("sign-in", "per-account-and-address"),

	/** Reset requests from one client address. */
	FORGOT_PASSWORD_PER_ADDRESS("forgot-password", "per-address"),

	/** Reset requests for one email from one client address. */
	FORGOT_PASSWORD_PER_ACCOUNT_AND_ADDRESS("forgot-password", "per-account-and-address"),

	/** Token requests from one client address. */
	TOKEN_PER_ADDRESS("token", "per-address"),

	/** Token requests of one client from one client address. */
	TOKEN_PER_CLIENT_AND_ADDRESS("token", "per-client-and-address"),

	/** Failed client authentications of one client. */
	CLIENT_AUTHENTICATION_FAILURES("client-authentication", "failures-per-client");

	private final String group;

	private final String key;

	RateLimit(String group, String key) {
		this.group = group;
		this.key = key;
	}

	/**
	 * The setting of the limit's count, e.g.
	 * {@code latchkey.rate-limits.sign-in.per-address}.
	 */
	String setting() {
		return "latchkey.rate-limits." + this.group + "." + this.key;
	}

	/**
	 * The setting of the limit's window, e.g.
	 * {@code latchkey.rate-limits.sign-in.window}.
	 */
	String windowSetting() {
		return "latchkey.rate-limits." + this.group + ".window";
	}

	/**
	 * The limit's name in metrics, events and logs.
	 */
	String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The bucket of what is counted: the SHA-256 of the limit's name and the parts, so no
	 * address, email or client id is stored in clear.
	 * @param parts what is counted, e.g. a client address and a typed email
	 * @return the bucket key, 32 bytes
	 */
	byte[] bucket(String... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(name().getBytes(StandardCharsets.UTF_8));
			for (String part : parts) {
				digest.update((byte) 0);
				digest.update(part.getBytes(StandardCharsets.UTF_8));
			}
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * How many a window allows, and how long a window is.
	 *
	 * @param max the most counted in one window
	 * @param window the window's length
	 */
	record Limit(int max, Duration window) {

		/**
		 * How many the limit allows in an hour, its window repeated.
		 */
		double perHour() {
			return this.max * (double) Duration.ofHours(1).toMillis() / this.window.toMillis();
		}

		@Override
		public String toString() {
			return this.max + " per " + Settings.describe(this.window);
		}

	}

}
