package dev.latchkey.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults from outside: the database goes away under load and comes back.
 */
class FaultsIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void databaseStopsUnderLoadThenNotReadyAndFast503ThenServesAgainWhenBack() throws Exception {
		Path dataDirectory = ServerProcess.workDir().resolve("faults-pgdata").toAbsolutePath();
		int databasePort = ServerProcess.freePort();
		SystemDatabase database = SystemDatabase.startEmbeddedAt(dataDirectory, databasePort, true);
		int port = ServerProcess.freePort();
		try (ServerProcess server = AuthServers.start("faults-auth-server", port, "http://localhost:" + port,
				database)) {
			List<Outcome> outcomes = new CopyOnWriteArrayList<>();
			AtomicBoolean running = new AtomicBoolean(true);
			Thread load = new Thread(() -> {
				while (running.get()) {
					outcomes.add(tokenRequest(server.baseUrl()));
				}
			});
			load.start();
			Await.until("a token before the fault", Duration.ofSeconds(30),
					() -> outcomes.stream().anyMatch((o) -> o.status() == 200));

			database.close();
			long stoppedAt = System.nanoTime();
			awaitStatus(server.baseUrl() + "/actuator/health/readiness", 503, Duration.ofSeconds(20));
			System.out.printf("Readiness DOWN %d ms after the database stopped%n",
					(System.nanoTime() - stoppedAt) / 1_000_000);
			int before = outcomes.size();
			Await.until("3 answers while the database is away", Duration.ofSeconds(60),
					() -> outcomes.size() >= before + 3);
			List<Outcome> during = List.copyOf(outcomes.subList(before, outcomes.size()));
			assertThat(during).as("requests while the database is away").isNotEmpty().allSatisfy((outcome) -> {
				assertThat(outcome.status()).isEqualTo(503);
				assertThat(outcome.millis()).as("no hang").isLessThan(5000);
				assertThat(outcome.body()).doesNotContain("Exception").doesNotContain("\tat ");
				assertThat(outcome.retryAfter()).isEqualTo("5");
			});

			SystemDatabase restarted = SystemDatabase.startEmbeddedAt(dataDirectory, databasePort, false);
			long backAt = System.nanoTime();
			try {
				awaitStatus(server.baseUrl() + "/actuator/health/readiness", 200, Duration.ofSeconds(30));
				Outcome after = tokenRequest(server.baseUrl());
				long recovery = (System.nanoTime() - backAt) / 1_000_000;
				System.out.printf(
						"Serving again %d ms after the database returned (%d requests answered 503 " + "meanwhile)%n",
						recovery, during.size());
				assertThat(after.status()).as(after.body()).isEqualTo(200);
				assertThat(recovery).isLessThan(30_000);
			}
			finally {
				running.set(false);
				load.join(10_000);
				restarted.close();
			}
		}
	}

	private Outcome tokenRequest(String baseUrl) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = OAuth.token(baseUrl, "demo-service", "demo-service-secret",
					Map.of("grant_type", "client_credentials", "scope", "documents.read"));
			return new Outcome(response.statusCode(), (System.nanoTime() - start) / 1_000_000, response.body(),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (RuntimeException ex) {
			return new Outcome(-1, (System.nanoTime() - start) / 1_000_000, ex.toString(), null);
		}
	}

	private void awaitStatus(String url, int status, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		int last = -1;
		while (System.nanoTime() < deadline) {
			last = this.http
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
			if (last == status) {
				return;
			}
			Thread.sleep(250);
		}
		throw new AssertionError(url + " answered " + last + ", not " + status + ", for " + timeout);
	}

	private record Outcome(int status, long millis, String body, String retryAfter) {
	}

}
