package dev.latchkey.auth.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import org.jspecify.annotations.Nullable;

/**
 * What a redirect URI (or post-logout redirect URI) must look like. The authorization
 * server compares them as exact strings, so the rules keep out everything that would make
 * an exact match mean more than it says: an absolute {@code https} URL (plain
 * {@code http} only to a loopback address, as native apps use, RFC 8252 section 7.3), no
 * fragment, no wildcard, no user info, nothing that different parsers read differently.
 */
@SuppressFBWarnings(value = "REDOS",
		justification = "Labels are separated by dots the label class cannot match, so there is no backtracking blow-up; and the host is at most 253 characters before it is matched")
final class RedirectUriRules {

	static final int MAX_LENGTH = 2000;

	private static final Pattern FORBIDDEN_CHARACTERS = Pattern.compile("[\\s\\\\<>\"{}|^`\\p{Cntrl}]");

	private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

	private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

	private static final Pattern HOST_NAME = Pattern
		.compile("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	private final boolean localhostRedirects;

	RedirectUriRules(boolean localhostRedirects) {
		this.localhostRedirects = localhostRedirects;
	}

	/**
	 * What is wrong with a redirect URI, if anything.
	 * @param uri the URI as registered
	 * @return the reason (the last part of a {@code client.error.redirectUri.*} message
	 * code), or {@code null} when it is fine
	 */
	@Nullable String problem(String uri) {
		String problem = textProblem(uri);
		if (problem != null) {
			return problem;
		}
		URI parsed;
		try {
			parsed = new URI(uri);
		}
		catch (URISyntaxException ex) {
			return "syntax";
		}
		problem = schemeProblem(parsed);
		if (problem == null) {
			problem = authorityProblem(parsed);
		}
		return (problem != null) ? problem : placeProblem(parsed);
	}

	private static @Nullable String textProblem(String uri) {
		if (uri.isBlank()) {
			return "blank";
		}
		if (uri.length() > MAX_LENGTH) {
			return "tooLong";
		}
		if (uri.contains("*")) {
			return "wildcard";
		}
		if (uri.contains("#")) {
			return "fragment";
		}
		if (FORBIDDEN_CHARACTERS.matcher(uri).find() || BAD_PERCENT.matcher(uri).find()) {
			return "characters";
		}
		return null;
	}

	private static @Nullable String schemeProblem(URI parsed) {
		if (!parsed.isAbsolute()) {
			return "notAbsolute";
		}
		String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !scheme.equals("http")) {
			return "scheme";
		}
		return (!parsed.getScheme().equals(scheme)) ? "schemeCase" : null;
	}

	private static @Nullable String authorityProblem(URI parsed) {
		if (parsed.isOpaque() || parsed.getRawAuthority() == null) {
			return "noHost";
		}
		if (parsed.getRawUserInfo() != null || parsed.getRawAuthority().contains("@")) {
			return "userinfo";
		}
		String host = parsed.getHost();
		if (host == null || host.isEmpty()) {
			return missingHostProblem(parsed);
		}
		String problem = hostProblem(host);
		if (problem != null) {
			return problem;
		}
		return (parsed.getRawAuthority().endsWith(":") || parsed.getPort() == 0) ? "port" : null;
	}

	private static String missingHostProblem(URI parsed) {
		String written = SsrfGuard.authorityHost(parsed);
		return (written != null && SsrfGuard.isAmbiguousNumericHost(written)) ? "numericHost" : "noHost";
	}

	private @Nullable String placeProblem(URI parsed) {
		if (parsed.getRawPath() != null && DOT_SEGMENT.matcher(parsed.getRawPath()).find()) {
			return "dotSegments";
		}
		String host = parsed.getHost();
		if (parsed.getScheme().equals("http") && !isLoopback(host)) {
			return (host.equalsIgnoreCase("localhost")) ? "localhost" : "https";
		}
		return null;
	}

	private static @Nullable String hostProblem(String host) {
		if (host.startsWith("[")) {
			if (host.contains("%")) {
				return "zone";
			}
			return null;
		}
		if (!host.equals(host.toLowerCase(Locale.ROOT))) {
			return "hostCase";
		}
		if (host.endsWith(".")) {
			return "trailingDot";
		}
		if (SsrfGuard.isAmbiguousNumericHost(host)) {
			return "numericHost";
		}
		if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
			return "host";
		}
		return null;
	}

	private boolean isLoopback(String host) {
		if (host.equals("[::1]")) {
			return true;
		}
		if (host.equals("localhost")) {
			return this.localhostRedirects;
		}
		return host.matches("127\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
	}

}
