package dev.latchkey.resource.web;

import dev.latchkey.resource.TestApi;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code latchkey.security.enabled=false} (benchmark baselines only) the same
 * endpoints answer without any token; the issuer is never contacted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "latchkey.security.enabled=false", "latchkey.issuer=http://127.0.0.1:9" })
class UnsecuredBaselineTests {

	@LocalServerPort
	int port;

	@Test
	void getWhenSecurityOffThenServedWithoutToken() {
		TestApi api = new TestApi(this.port);

		assertThat(api.get("/api/documents", null).statusCode()).isEqualTo(200);
		assertThat(api.get("/api/documents/export", null).statusCode()).isEqualTo(200);
	}

}
