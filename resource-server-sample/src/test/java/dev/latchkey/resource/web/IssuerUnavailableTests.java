package dev.latchkey.resource.web;

import java.net.http.HttpResponse;

import dev.latchkey.resource.TestApi;
import dev.latchkey.resource.TestClock;
import dev.latchkey.resource.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the issuer cannot be reached and no keys were ever fetched, a token cannot be
 * verified either way: 503 with {@code Retry-After}, not 401 (the token may be fine) and
 * not 500. The API still starts, so it can serve as soon as the issuer is up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "latchkey.issuer=" + IssuerUnavailableTests.UNREACHABLE, "latchkey.keys.timeout=1s" })
class IssuerUnavailableTests {

	// Port 9 (discard) on the loopback interface: nothing listens, connections are
	// refused.
	static final String UNREACHABLE = "http://127.0.0.1:9";

	@LocalServerPort
	int port;

	@Test
	void tokenWhenIssuerUnreachableThenServiceUnavailable() {
		TestApi api = new TestApi(this.port);
		String token = TestIssuer.shared().token(new TestClock()).claim("iss", UNREACHABLE).sign();

		HttpResponse<String> response = api.get("/api/me", token);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(TestApi.json(response)).containsEntry("status", 503L);
		assertThat(api.get("/api/me", null).statusCode()).as("no token is still 401").isEqualTo(401);
	}

}
