package dev.latchkey.auth.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import dev.latchkey.auth.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes and metrics as an orchestrator and Prometheus see them (dev mode serves them on
 * the main port).
 */
@LatchkeyIntegrationTest
class OperationsEndpointsTests {

	@LocalServerPort
	int port;

	TestBrowser browser;

	@BeforeEach
	void setUp() {
		this.browser = new TestBrowser("http://localhost:" + this.port);
	}

	@Test
	void probesWhenHealthyThenUpWithoutDetails() {
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void metricsWhenScrapedThenPrometheusFormatWithRequestLatency() {
		get("/login");
		new dev.latchkey.auth.TestOAuthClient(this.browser, "demo-service", "demo-service-secret")
			.clientCredentials("documents.read");
		HttpResponse<String> metrics = get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests_seconds_bucket")
			.contains("application=\"latchkey\"")
			.contains("hikaricp_connections_max")
			.containsPattern("latchkey_tokens_issued_total\\{[^}]*grant=\"client_credentials\"[^}]*} [1-9]")
			.contains("latchkey_refresh_reuse_detected_total")
			.contains("latchkey_signing_key_age");
	}

	@Test
	void metricsWhenScrapedThenNoPerFilterSecurityObservations() {
		new dev.latchkey.auth.TestOAuthClient(this.browser, "demo-service", "demo-service-secret")
			.clientCredentials("documents.read");
		HttpResponse<String> metrics = get("/actuator/prometheus");
		// Switched off for speed (management.observations.enable.spring.security=false);
		// the request metrics stay.
		assertThat(metrics.body()).contains("http_server_requests_seconds_count")
			.doesNotContain("spring_security_filterchains")
			.doesNotContain("spring_security_authentications");
	}

	@Test
	void otherActuatorEndpointsWhenRequestedThenNotExposed() {
		assertThat(get("/actuator/env").statusCode()).isIn(302, 401, 404);
		assertThat(get("/actuator/heapdump").statusCode()).isIn(302, 401, 404);
	}

	private HttpResponse<String> get(String path) {
		return this.browser.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + path)).GET().build());
	}

}
