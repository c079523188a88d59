package dev.latchkey.auth.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectUriRulesTests {

	private final RedirectUriRules production = new RedirectUriRules(false);

	private final RedirectUriRules dev = new RedirectUriRules(true);

	static List<Arguments> invalid() {
		return InvalidRedirectUris.arguments();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("invalid")
	void problemWhenInvalidThenReason(String uri, String reason) {
		assertThat(this.production.problem(uri)).isEqualTo(reason);
	}

	@Test
	void invalidCasesWhenCountedThenAtLeastTwentyFive() {
		assertThat(InvalidRedirectUris.IN_DEV_MODE).hasSizeGreaterThanOrEqualTo(25);
		assertThat(InvalidRedirectUris.CASES.stream().map(InvalidRedirectUris.Case::reason).distinct())
			.hasSizeGreaterThanOrEqualTo(18);
	}

	@Test
	void problemWhenValidThenNone() {
		for (String uri : List.of("https://app.example.com/callback", "https://app.example.com:8443/cb?tenant=a",
				"http://127.0.0.1:8080/callback", "http://127.0.0.1/cb", "http://[::1]:51000/cb",
				"https://app.example.com", "https://[2001:4860::1]/cb", "https://93.184.216.34/cb")) {
			assertThat(this.production.problem(uri)).as(uri).isNull();
		}
	}

	@Test
	void problemWhenHttpLocalhostThenOnlyDevAcceptsIt() {
		assertThat(this.production.problem("http://localhost:8080/cb")).isEqualTo("localhost");
		assertThat(this.dev.problem("http://localhost:8080/cb")).isNull();
		assertThat(this.dev.problem("http://app.example.com/cb")).as("dev still wants https elsewhere")
			.isEqualTo("https");
	}

}
