package dev.latchkey.auth.keys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When signing keys are published, sign, and are removed ({@code latchkey.keys.*}),
 * checked at startup so a bad combination cannot break tokens later.
 *
 * @param publishAhead how long a new key is in the JWKS before it signs; at least the
 * JWKS max-age plus each node's key cache plus the clock skew, so every resource server
 * knows a key before it sees a token signed with it
 * @param rotationPeriod how long a key signs, at most 90 days
 * @param jwksMaxAge the longest {@code Cache-Control: max-age} of the JWKS response
 * @param clockSkew the clock difference tolerated between this server and resource
 * servers
 * @param maxTokenLifetime the longest lifetime of a JWT this server signs; a retired key
 * stays published this long (plus cache period and skew) and the encoder refuses to sign
 * a longer-lived token
 * @param checkInterval how often each node looks for due rotations
 */
@ConfigurationProperties("latchkey.keys")
record KeyRotationProperties(@DefaultValue("24h") Duration publishAhead, @DefaultValue("30d") Duration rotationPeriod,
		@DefaultValue("5m") Duration jwksMaxAge, @DefaultValue("60s") Duration clockSkew,
		@DefaultValue("10m") Duration maxTokenLifetime, @DefaultValue("1m") Duration checkInterval) {

	static final Duration LONGEST_ROTATION_PERIOD = Duration.ofDays(90);

	KeyRotationProperties {
		List<String> problems = problems(publishAhead, rotationPeriod, jwksMaxAge, clockSkew, maxTokenLifetime,
				checkInterval);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("Invalid signing key settings:\n  - " + String.join("\n  - ", problems));
		}
	}

	private static List<String> problems(Duration publishAhead, Duration rotationPeriod, Duration jwksMaxAge,
			Duration clockSkew, Duration maxTokenLifetime, Duration checkInterval) {
		List<String> problems = new ArrayList<>();
		positive("publish-ahead", publishAhead, problems);
		positive("rotation-period", rotationPeriod, problems);
		positive("max-token-lifetime", maxTokenLifetime, problems);
		positive("check-interval", checkInterval, problems);
		notNegative("jwks-max-age", jwksMaxAge, problems);
		notNegative("clock-skew", clockSkew, problems);
		if (!problems.isEmpty()) {
			return problems;
		}
		if (rotationPeriod.compareTo(LONGEST_ROTATION_PERIOD) > 0) {
			problems.add("latchkey.keys.rotation-period is " + human(rotationPeriod) + " but must be at most "
					+ human(LONGEST_ROTATION_PERIOD));
		}
		Duration leastPublishAhead = jwksMaxAge.plus(SigningKeySource.CACHE_PERIOD).plus(clockSkew);
		if (publishAhead.compareTo(leastPublishAhead) < 0) {
			problems.add("latchkey.keys.publish-ahead is " + human(publishAhead) + " but must be at least "
					+ human(leastPublishAhead) + " (jwks-max-age " + human(jwksMaxAge) + " + key cache "
					+ human(SigningKeySource.CACHE_PERIOD) + " + clock-skew " + human(clockSkew)
					+ "), or a resource server could see a token before the key that signed it");
		}
		if (rotationPeriod.compareTo(publishAhead) <= 0) {
			problems.add("latchkey.keys.rotation-period (" + human(rotationPeriod)
					+ ") must be longer than latchkey.keys.publish-ahead (" + human(publishAhead)
					+ "): the next key is published publish-ahead before the current one's period ends");
		}
		return problems;
	}

	private static void positive(String name, Duration value, List<String> problems) {
		if (value.isNegative() || value.isZero()) {
			problems.add("latchkey.keys." + name + " must be positive, but is " + human(value));
		}
	}

	private static void notNegative(String name, Duration value, List<String> problems) {
		if (value.isNegative()) {
			problems.add("latchkey.keys." + name + " must not be negative, but is " + human(value));
		}
	}

	/**
	 * How long a retired key stays published: a node may sign with it for one more key
	 * cache period, the last token then lives its lifetime, and a resource server's clock
	 * may be behind by the skew.
	 * @return the retention after retirement
	 */
	Duration retention() {
		return SigningKeySource.CACHE_PERIOD.plus(this.maxTokenLifetime).plus(this.clockSkew);
	}

	static String human(Duration duration) {
		if (duration.isNegative()) {
			return "-" + human(duration.negated());
		}
		StringBuilder text = new StringBuilder();
		append(text, duration.toDaysPart(), "d");
		append(text, duration.toHoursPart(), "h");
		append(text, duration.toMinutesPart(), "m");
		append(text, duration.toSecondsPart(), "s");
		return (text.length() > 0) ? text.toString() : (duration.toMillis() > 0) ? duration.toMillis() + "ms" : "0s";
	}

	private static void append(StringBuilder text, long amount, String unit) {
		if (amount > 0) {
			text.append(amount).append(unit);
		}
	}

}
