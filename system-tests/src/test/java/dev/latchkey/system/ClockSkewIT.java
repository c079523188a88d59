package dev.latchkey.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth server and a resource server whose clock is off (libfaketime moves the whole
 * process's clock): tokens are accepted while the difference stays within what the
 * token's lifetime and the 60-second leeway allow, and refused beyond it.
 */
class ClockSkewIT {

	private static final Path FAKETIME = Path.of("/usr/bin/faketime");

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<ServerProcess> started = new ArrayList<>();

	@AfterEach
	void stop() {
		this.started.forEach(ServerProcess::close);
	}

	@Test
	void resourceServerClockOffThenAcceptedWithinLeewayAndLifetimeRefusedBeyond() {
		if (!Files.isExecutable(FAKETIME)) {
			String message = "Clock skew tests need libfaketime (`apt-get install faketime`)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true but " + message);
			}
			System.err.println("SKIPPED: " + message);
			Assumptions.abort(message);
		}
		String issuer = AuthServers.shared().baseUrl();
		ServerProcess ahead = api("ahead-5m", "+5m", issuer);
		ServerProcess slightlyBehind = api("behind-50s", "-50s", issuer);
		ServerProcess behind = api("behind-5m", "-5m", issuer);
		this.started.forEach((server) -> server.awaitReady(Duration.ofMinutes(1)));

		String token = (String) OAuth.json(OAuth.token(issuer, "demo-service", "demo-service-secret",
				Map.of("grant_type", "client_credentials", "scope", "documents.read")))
			.get("access_token");
		assertThat(call(ahead, token)).as("5 minutes ahead: the 10-minute token has not expired there").isEqualTo(200);
		assertThat(call(slightlyBehind, token)).as("50 seconds behind: within the 60-second leeway").isEqualTo(200);
		assertThat(call(behind, token)).as("5 minutes behind: issued in that server's future").isEqualTo(401);
	}

	private ServerProcess api(String name, String offset, String issuer) {
		ServerProcess server = ServerProcess.start(List.of(FAKETIME.toString(), "-f", offset),
				"latchkey.resource-server.jar", "skew-" + name, ServerProcess.freePort(),
				List.of("--latchkey.issuer=" + issuer));
		this.started.add(server);
		return server;
	}

	private int call(ServerProcess api, String token) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/documents"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
