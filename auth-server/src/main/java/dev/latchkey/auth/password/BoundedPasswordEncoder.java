package dev.latchkey.auth.password;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every password hash of the server goes through here: sign-in, the dummy hash for
 * unknown accounts, change, reset and history checks. Each computation waits for its turn
 * in the {@link HashingLimiter}.
 * <p>
 * BCrypt looks only at the first 72 bytes of a password. Latchkey never truncates, so a
 * longer password never matches a BCrypt hash (an imported account with such a password
 * resets it once).
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	static final int BCRYPT_MAX_BYTES = 72;

	private static final Pattern BCRYPT = Pattern.compile("^(\\{bcrypt\\})?\\$2[abxy]?\\$.*");

	private final PasswordEncoder delegate;

	private final HashingLimiter limiter;

	BoundedPasswordEncoder(PasswordEncoder delegate, HashingLimiter limiter) {
		this.delegate = delegate;
		this.limiter = limiter;
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return this.limiter.call(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		if (rawPassword != null && encodedPassword != null && BCRYPT.matcher(encodedPassword).matches()
				&& rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
			return false;
		}
		return this.limiter.call(() -> this.delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

}
