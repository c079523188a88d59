package dev.latchkey.system;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar with a 512 MiB heap gets 50 sign-ins at once. Unbounded, 50 Argon2id
 * hashes of 19 MiB each would need about 1 GiB; bounded, each sign-in completes or gets
 * 503, and the server stays up without an out-of-memory error.
 */
class SignInBurstIT {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@Test
	void jarWhenFiftySignInsAtOnceThenEachCompletesOrGets503AndServerStaysUp() throws Exception {
		String dataDir = ServerProcess.workDir().resolve("burst-dev-data").toAbsolutePath().toString();
		try (ServerProcess server = ServerProcess.start("latchkey.auth-server.jar", "sign-in-burst",
				ServerProcess.freePort(),
				List.of("--spring.profiles.active=dev", "--latchkey.dev.data-dir=" + dataDir, "--latchkey.issuer="))) {
			server.awaitReady(Duration.ofMinutes(2));
			List<HttpClient> clients = new ArrayList<>();
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				HttpClient client = HttpClient.newBuilder()
					.cookieHandler(new CookieManager())
					.followRedirects(HttpClient.Redirect.NEVER)
					.build();
				String page = client
					.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
				Matcher csrf = CSRF.matcher(page);
				assertThat(csrf.find()).isTrue();
				clients.add(client);
				tokens.add(csrf.group(1));
			}
			ExecutorService pool = Executors.newFixedThreadPool(50);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					HttpClient client = clients.get(i);
					String body = "email=user%40example.com&password="
							+ URLEncoder.encode("Orchid-Lantern-42!", StandardCharsets.UTF_8) + "&_csrf="
							+ URLEncoder.encode(tokens.get(i), StandardCharsets.UTF_8);
					statuses.add(pool.submit(() -> {
						start.await();
						return client
							.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login"))
								.header("Content-Type", "application/x-www-form-urlencoded")
								.POST(HttpRequest.BodyPublishers.ofString(body))
								.build(), HttpResponse.BodyHandlers.discarding())
							.statusCode();
					}));
				}
				long began = System.nanoTime();
				start.countDown();
				int signedIn = 0;
				int busy = 0;
				for (Future<Integer> status : statuses) {
					int code = status.get(2, TimeUnit.MINUTES);
					assertThat(code).isIn(302, 503);
					if (code == 302) {
						signedIn++;
					}
					else {
						busy++;
					}
				}
				System.out.printf("Jar with -Xmx512m, 50 sign-ins at once: %d signed in, %d got 503, in %d ms%n",
						signedIn, busy, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
				assertThat(signedIn).isPositive();
			}
			finally {
				pool.shutdownNow();
			}
			HttpResponse<Void> alive = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/actuator/health/liveness")).build(),
						HttpResponse.BodyHandlers.discarding());
			assertThat(alive.statusCode()).isEqualTo(200);
			assertThat(server.output()).doesNotContain("OutOfMemoryError");
		}
	}

}
