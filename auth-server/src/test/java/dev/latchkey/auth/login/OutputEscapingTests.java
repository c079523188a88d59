package dev.latchkey.auth.login;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.client.ClientDefinition;
import dev.latchkey.auth.client.ClientRegistrations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value that comes from a user, a client or the request is escaped on the way out.
 */
@LatchkeyIntegrationTest
class OutputEscapingTests {

	static final List<String> PAYLOADS = List.of("<script>alert(1)</script>", "\"><script>alert(1)</script>",
			"'><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
			"<svg/onload=alert(1)>", "<body onload=alert(1)>", "<iframe src=javascript:alert(1)>",
			"<a href=\"javascript:alert(1)\">x</a>", "\" onmouseover=\"alert(1)", "' onmouseover='alert(1)",
			"\" autofocus onfocus=\"alert(1)", "<input autofocus onfocus=alert(1)>", "<details open ontoggle=alert(1)>",
			"<marquee onstart=alert(1)>", "<video><source onerror=alert(1)>", "<audio src=x onerror=alert(1)>",
			"<object data=javascript:alert(1)>", "<embed src=javascript:alert(1)>", "<math><mtext><script>alert(1)",
			"</title><script>alert(1)</script>", "</textarea><script>alert(1)</script>",
			"</style><script>alert(1)</script>", "<!--<script>alert(1)</script>-->", "<scr<script>ipt>alert(1)",
			"<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<ScRiPt>alert(1)</ScRiPt>", "<script>alert`1`</script>",
			"<img src=\"x\" onerror=\"alert(1)\">", "<img src=x:alert(alt) onerror=eval(src) alt=0>",
			"<div style=\"background:url(javascript:alert(1))\">", "<style>@import 'javascript:alert(1)';</style>",
			"<link rel=stylesheet href=javascript:alert(1)>",
			"<meta http-equiv=refresh content=0;url=javascript:alert(1)>", "<base href=javascript:alert(1)//>",
			"<form action=javascript:alert(1)><input type=submit>", "<button formaction=javascript:alert(1)>x</button>",
			"<isindex action=javascript:alert(1) type=image>", "<table background=javascript:alert(1)>",
			"<xss onafterscriptexecute=alert(1)><script>1</script>", "{{constructor.constructor('alert(1)')()}}",
			"${7*7}<b>bold</b>", "[[${7*7}]]<i>x</i>",
			"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<template><script>alert(1)</script>",
			"\u003cscript\u003ealert(1)\u003c/script\u003e", "<scr\u0000ipt>alert(1)</script>",
			"<a href=\"&#106;avascript:alert(1)\">x</a>", "<svg><animate onbegin=alert(1) attributeName=x>",
			"<select onfocus=alert(1) autofocus>", "<keygen autofocus onfocus=alert(1)>");

	@LocalServerPort
	int port;

	@Autowired
	ClientRegistrations registrations;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void payloadsWhenCountedThenAtLeastFifty() {
		assertThat(Set.copyOf(PAYLOADS)).hasSizeGreaterThanOrEqualTo(50);
	}

	@Test
	void consentPageWhenClientNameIsHostileThenEscaped() {
		this.browser.signIn("user@example.com", TestOAuthClient.PASSWORD);
		for (String payload : PAYLOADS) {
			if (payload.codePoints().anyMatch(Character::isISOControl)) {
				continue;
			}
			this.registrations.ensure(new ClientDefinition("hostile-app", payload, "hostile-secret-value-123",
					Set.of("authorization_code"), List.of("https://hostile.example/cb"), List.of(),
					Set.of("openid", "profile"), true));
			String authorize = "/oauth2/authorize?response_type=code&client_id=hostile-app&redirect_uri="
					+ TestBrowser.encode("https://hostile.example/cb") + "&scope=openid%20profile&state="
					+ TestBrowser.encode(payload) + "&code_challenge=" + TestBrowser.Pkce.create().challenge()
					+ "&code_challenge_method=S256";
			HttpResponse<String> redirect = this.browser.get(authorize);
			HttpResponse<String> consent = this.browser.get(TestBrowser.location(redirect));
			assertThat(consent.statusCode()).isEqualTo(200);
			assertUnescapedAbsent(consent.body(), payload);
		}
	}

	@Test
	void pagesWhenRequestCarriesHostileValuesThenEscaped() {
		for (String payload : PAYLOADS) {
			String encoded = TestBrowser.encode(payload);
			Stream
				.of("/login?error&x=" + encoded, "/login?" + encoded, "/no-such-page?q=" + encoded,
						"/oauth2/authorize?response_type=code&client_id=" + encoded + "&state=" + encoded,
						"/oauth2/authorize?response_type=code&client_id=demo-web&redirect_uri=" + encoded + "&state="
								+ encoded,
						"/login?lang=" + encoded)
				.forEach((path) -> assertUnescapedAbsent(this.browser.get(path).body(), payload));
		}
	}

	@Test
	void apisWhenRequestCarriesHostileValuesThenNotEchoed() {
		TestOAuthClient client = TestOAuthClient.demoWeb(this.browser);
		for (String payload : PAYLOADS) {
			assertUnescapedAbsent(
					client.postAuthenticated("/oauth2/token", java.util.Map.of("grant_type", payload, "code", payload))
						.body(),
					payload);
			assertUnescapedAbsent(client.introspect(payload).body(), payload);
			HttpResponse<String> problem = this.browser
				.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/api/" + TestBrowser.encode(payload)))
					.header("Accept", "application/json")
					.build());
			assertUnescapedAbsent(problem.body(), payload);
		}
	}

	private static void assertUnescapedAbsent(String body, String payload) {
		if (payload.matches("(?s).*[<>\"'].*")) {
			assertThat(body).as("raw payload %s", payload).doesNotContain(payload);
		}
		assertThat(body).doesNotContainPattern("(?i)(href|src|action)=\"javascript:");
		assertThat(body).doesNotContainPattern("(?i)<script(?![^>]*\\bnonce=)[^>]*>(?!\\s*</script>)alert");
	}

}
