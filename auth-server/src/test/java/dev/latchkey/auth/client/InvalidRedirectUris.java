package dev.latchkey.auth.client;

import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Redirect URIs that must be refused, each with the reason the rules give; shared by the
 * rule, API and console tests.
 */
public final class InvalidRedirectUris {

	public static final List<Case> CASES = List.of(new Case("", "blank"), new Case("   ", "blank"),
			new Case("/callback", "notAbsolute"), new Case("callback", "notAbsolute"),
			new Case("//app.example.com/cb", "notAbsolute"), new Case("https://app.example.com/cb#", "fragment"),
			new Case("https://app.example.com/cb#token", "fragment"), new Case("https://*.example.com/cb", "wildcard"),
			new Case("https://app.example.com/*", "wildcard"),
			new Case("https://user:pass@app.example.com/cb", "userinfo"),
			new Case("https://user@app.example.com/cb", "userinfo"), new Case("http://app.example.com/cb", "https"),
			new Case("http://10.0.0.5/cb", "https"), new Case("http://localhost:8080/cb", "localhost"),
			new Case("javascript:alert(1)", "scheme"), new Case("data:text/html,hi", "scheme"),
			new Case("file:///etc/passwd", "scheme"), new Case("ftp://app.example.com/cb", "scheme"),
			new Case("com.example.app:/callback", "scheme"), new Case("HTTPS://app.example.com/cb", "schemeCase"),
			new Case("https:///cb", "noHost"), new Case("https://app.example.com/c b", "characters"),
			new Case("https://app.example.com/cb\n", "characters"),
			new Case("https://app.example.com\\@evil.com/cb", "characters"),
			new Case("https://app.example.com/<script>", "characters"),
			new Case("https://app.example.com/%zz", "characters"),
			new Case("https://app.example.com/a/../cb", "dotSegments"),
			new Case("https://app.example.com/./cb", "dotSegments"), new Case("https://App.Example.com/cb", "hostCase"),
			new Case("https://app.example.com./cb", "trailingDot"), new Case("http://2130706433/cb", "numericHost"),
			new Case("http://0x7f.1/cb", "numericHost"), new Case("http://0177.0.0.1/cb", "numericHost"),
			new Case("https://app_example.com/cb", "noHost"), new Case("https://app.example.com:/cb", "port"),
			new Case("https://app.example.com:0/cb", "port"), new Case("https://[fe80::1]/cb#", "fragment"),
			new Case("https://app.example.com/cb?next=*", "wildcard"), new Case("https://", "syntax"),
			new Case("http://[fe80::1%25eth0]/cb", "zone"),
			new Case("https://" + "a".repeat(2000) + ".example.com/cb", "tooLong"));

	/** The cases refused in dev mode too (which accepts {@code http://localhost}). */
	public static final List<Case> IN_DEV_MODE = CASES.stream().filter((c) -> !c.reason().equals("localhost")).toList();

	private InvalidRedirectUris() {
	}

	public static List<Arguments> arguments() {
		return CASES.stream().map((c) -> Arguments.of(c.uri(), c.reason())).toList();
	}

	/**
	 * A refused redirect URI.
	 *
	 * @param uri the URI
	 * @param reason the last part of its {@code client.error.redirectUri.*} message code
	 */
	public record Case(String uri, String reason) {

	}

}
