package dev.latchkey.auth.lockout;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits (DESIGN.md section 4), each a number per fixed window, counted in
 * PostgreSQL so every node sees the same counts. Over a limit the answer is 429 with
 * {@code Retry-After}.
 *
 * @param enabled whether the rate limits apply; off only for load tests and test suites
 * that send everything from one address (the pre-deployment check fails while it is off)
 * @param signIn failed sign-ins per client address and per (email, address)
 * @param forgotPassword reset requests per client address and per (email, address)
 * @param token token requests per client address and per (client, address)
 * @param clientAuthentication failed client authentications per client at the token,
 * introspection and revocation endpoints
 * @param purgeInterval how often counters whose window has passed are deleted
 * @param purgeBatchSize rows deleted per statement by the purge
 */
@ConfigurationProperties("latchkey.rate-limits")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue SignIn signIn,
		@DefaultValue ForgotPassword forgotPassword, @DefaultValue Token token,
		@DefaultValue ClientAuthentication clientAuthentication, @DefaultValue("1m") Duration purgeInterval,
		@DefaultValue("1000") int purgeBatchSize) {

	/** The highest count any limit may be set to. */
	static final int MOST = 1_000_000;

	private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);

	private static final Duration LONGEST_WINDOW = Duration.ofDays(1);

	RateLimitProperties {
		Settings.requireBetween("latchkey.rate-limits.purge-interval", purgeInterval, Duration.ofSeconds(1),
				Duration.ofHours(1));
		Settings.requireBetween("latchkey.rate-limits.purge-batch-size", purgeBatchSize, 1, 100_000);
	}

	/**
	 * Each limit's count and window.
	 */
	Map<RateLimit, RateLimit.Limit> limits() {
		Map<RateLimit, RateLimit.Limit> limits = new EnumMap<>(RateLimit.class);
		limits.put(RateLimit.SIGN_IN_PER_ADDRESS, new RateLimit.Limit(this.signIn.perAddress(), this.signIn.window()));
		limits.put(RateLimit.SIGN_IN_PER_ACCOUNT_AND_ADDRESS,
				new RateLimit.Limit(this.signIn.perAccountAndAddress(), this.signIn.window()));
		limits.put(RateLimit.FORGOT_PASSWORD_PER_ADDRESS,
				new RateLimit.Limit(this.forgotPassword.perAddress(), this.forgotPassword.window()));
		limits.put(RateLimit.FORGOT_PASSWORD_PER_ACCOUNT_AND_ADDRESS,
				new RateLimit.Limit(this.forgotPassword.perAccountAndAddress(), this.forgotPassword.window()));
		limits.put(RateLimit.TOKEN_PER_ADDRESS, new RateLimit.Limit(this.token.perAddress(), this.token.window()));
		limits.put(RateLimit.TOKEN_PER_CLIENT_AND_ADDRESS,
				new RateLimit.Limit(this.token.perClientAndAddress(), this.token.window()));
		limits.put(RateLimit.CLIENT_AUTHENTICATION_FAILURES,
				new RateLimit.Limit(this.clientAuthentication.failuresPerClient(), this.clientAuthentication.window()));
		return limits;
	}

	/**
	 * Failed sign-ins (wrong password, unknown email, locked account). Successful ones do
	 * not count, so many people behind one address can sign in.
	 *
	 * @param window the counting window
	 * @param perAddress failures per client address
	 * @param perAccountAndAddress failures per typed email from one client address
	 */
	record SignIn(@DefaultValue("15m") Duration window, @DefaultValue("100") int perAddress,
			@DefaultValue("10") int perAccountAndAddress) {

		SignIn {
			checkPair("sign-in", window, perAddress, perAccountAndAddress);
		}

	}

	/**
	 * Requests to send a reset mail, whether or not the email has an account.
	 *
	 * @param window the counting window
	 * @param perAddress requests per client address
	 * @param perAccountAndAddress requests per typed email from one client address
	 */
	record ForgotPassword(@DefaultValue("15m") Duration window, @DefaultValue("30") int perAddress,
			@DefaultValue("5") int perAccountAndAddress) {

		ForgotPassword {
			checkPair("forgot-password", window, perAddress, perAccountAndAddress);
		}

	}

	/**
	 * Requests to the token endpoint.
	 *
	 * @param window the counting window
	 * @param perAddress requests per client address
	 * @param perClientAndAddress requests per client id from one client address
	 */
	record Token(@DefaultValue("1m") Duration window, @DefaultValue("600") int perAddress,
			@DefaultValue("300") int perClientAndAddress) {

		Token {
			Settings.requireBetween("latchkey.rate-limits.token.window", window, SHORTEST_WINDOW, LONGEST_WINDOW);
			Settings.requireBetween("latchkey.rate-limits.token.per-address", perAddress, 1, MOST);
			Settings.requireBetween("latchkey.rate-limits.token.per-client-and-address", perClientAndAddress, 1,
					perAddress);
		}

	}

	/**
	 * Failed client authentications (wrong or missing secret, unknown client).
	 *
	 * @param window the counting window
	 * @param failuresPerClient failures per client id, from any address
	 */
	record ClientAuthentication(@DefaultValue("15m") Duration window, @DefaultValue("20") int failuresPerClient) {

		ClientAuthentication {
			Settings.requireBetween("latchkey.rate-limits.client-authentication.window", window, SHORTEST_WINDOW,
					LONGEST_WINDOW);
			Settings.requireBetween("latchkey.rate-limits.client-authentication.failures-per-client", failuresPerClient,
					1, MOST);
		}

	}

	private static void checkPair(String name, Duration window, int perAddress, int perAccountAndAddress) {
		String prefix = "latchkey.rate-limits." + name + ".";
		Settings.requireBetween(prefix + "window", window, SHORTEST_WINDOW, LONGEST_WINDOW);
		Settings.requireBetween(prefix + "per-address", perAddress, 1, MOST);
		Settings.requireBetween(prefix + "per-account-and-address", perAccountAndAddress, 1, perAddress);
	}

}
