package dev.latchkey.auth.reset;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reset flow.
 *
 * @param linkBaseUrl the public URL reset links start with; when blank, the issuer
 * ({@code latchkey.issuer}). Never taken from a request's Host header.
 * @param linkValidity how long a reset link works
 * @param maxMailsPerHour the most reset mails one account gets in an hour; further
 * requests get the usual answer but no mail
 */
@ConfigurationProperties("latchkey.reset")
record ResetProperties(@Nullable String linkBaseUrl, @DefaultValue("1h") Duration linkValidity,
		@DefaultValue("5") int maxMailsPerHour) {

	ResetProperties {
		if (linkBaseUrl != null && linkBaseUrl.isBlank()) {
			linkBaseUrl = null;
		}
		if (linkBaseUrl != null) {
			checkBaseUrl("latchkey.reset.link-base-url", linkBaseUrl);
		}
		if (linkValidity.compareTo(Duration.ofMinutes(5)) < 0 || linkValidity.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException("latchkey.reset.link-validity must be 5 minutes to 1 day");
		}
		if (maxMailsPerHour < 1) {
			throw new IllegalArgumentException("latchkey.reset.max-mails-per-hour must be at least 1");
		}
	}

	static void checkBaseUrl(String setting, String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(setting + " is not a valid URL");
		}
		if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
				|| uri.getQuery() != null || uri.getFragment() != null) {
			throw new IllegalArgumentException(setting + " must be an http(s) URL without query or fragment");
		}
	}

}
