package dev.latchkey.auth.reset;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.LatchkeyMailTest;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forgot-password answer does not tell whether an account exists: the same page (but
 * for the CSRF token), the same status, and about the same time.
 */
@LatchkeyMailTest
class ForgotPasswordEnumerationTests {

	static final int TRIES = 50;

	static final long MAX_MEDIAN_DIFFERENCE_MS = 20;

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Test
	void requestWhenAccountExistsOrNotThenSamePageStatusAndTime() {
		String existing = "enum-" + UUID.randomUUID() + "@example.test";
		this.accounts.register(new NewAccount(existing, "Erin Enum", TestOAuthClient.PASSWORD, Set.of(Role.USER)));
		String missing = "nobody-" + UUID.randomUUID() + "@example.test";
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		String csrf = TestBrowser.csrfToken(browser.get("/forgot-password").body());

		HttpResponse<String> forExisting = request(browser, existing, csrf);
		HttpResponse<String> forMissing = request(browser, missing, csrf);
		assertThat(forExisting.statusCode()).isEqualTo(200).isEqualTo(forMissing.statusCode());
		assertThat(withoutCsrf(forExisting.body())).isEqualTo(withoutCsrf(forMissing.body()));

		for (int i = 0; i < 5; i++) {
			request(browser, existing, csrf);
			request(browser, missing, csrf);
		}
		List<Long> existingNanos = new ArrayList<>();
		List<Long> missingNanos = new ArrayList<>();
		for (int i = 0; i < TRIES; i++) {
			// Alternate the order so that drift in the machine's load hits both alike.
			if (i % 2 == 0) {
				existingNanos.add(timed(browser, existing, csrf));
				missingNanos.add(timed(browser, missing, csrf));
			}
			else {
				missingNanos.add(timed(browser, missing, csrf));
				existingNanos.add(timed(browser, existing, csrf));
			}
		}
		double existingMs = median(existingNanos) / 1e6;
		double missingMs = median(missingNanos) / 1e6;
		System.out.printf(
				"Forgot-password median over %d tries: existing account %.2f ms, no account %.2f ms, "
						+ "difference %.2f ms (bound %d ms)%n",
				TRIES, existingMs, missingMs, Math.abs(existingMs - missingMs), MAX_MEDIAN_DIFFERENCE_MS);
		assertThat(Math.abs(existingMs - missingMs)).isLessThan(MAX_MEDIAN_DIFFERENCE_MS);
	}

	private static long timed(TestBrowser browser, String email, String csrf) {
		long start = System.nanoTime();
		HttpResponse<String> response = request(browser, email, csrf);
		long elapsed = System.nanoTime() - start;
		assertThat(response.statusCode()).isEqualTo(200);
		return elapsed;
	}

	private static HttpResponse<String> request(TestBrowser browser, String email, String csrf) {
		return browser.post("/forgot-password", Map.of("email", email, "_csrf", csrf));
	}

	private static String withoutCsrf(String html) {
		return html.replaceAll("name=\"_csrf\"[^>]*value=\"[^\"]+\"", "name=\"_csrf\"");
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}

}
