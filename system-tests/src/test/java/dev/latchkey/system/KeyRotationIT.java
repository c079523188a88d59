package dev.latchkey.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The built jar, rotated and revoked by an operator through {@code admin keys} (a second
 * process on the server's database), while a verifier that works like a resource server
 * (Nimbus, caching the JWKS and fetching it again for an unknown key id) checks every
 * token: no token fails across a forced rotation, and a revoked key's tokens fail once
 * the verifier has fetched the JWKS again.
 */
class KeyRotationIT {

	private static final Pattern DATABASE_PORT = Pattern.compile("embedded PostgreSQL on port (\\d+)");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void tokensWhenForcedRotationAndRevocationThenNoFailureAcrossRotationAndRevokedKeyRefused() throws Exception {
		Path dataDir = ServerProcess.workDir().resolve("key-rotation-data").toAbsolutePath();
		try (ServerProcess server = ServerProcess.start("latchkey.auth-server.jar", "key-rotation",
				ServerProcess.freePort(),
				Stream
					.concat(Stream.of("--spring.profiles.active=dev", "--latchkey.dev.data-dir=" + dataDir,
							"--latchkey.issuer="), AuthServers.TOKEN_LOAD_FROM_ONE_ADDRESS.stream())
					.toList())) {
			server.awaitReady(Duration.ofMinutes(3));
			Matcher port = DATABASE_PORT.matcher(server.output());
			assertThat(port.find()).as("dev mode logs its database port").isTrue();
			List<String> admin = List.of("--spring.profiles.active=dev", "--latchkey.dev.data-dir=" + dataDir,
					"--spring.datasource.url=jdbc:postgresql://localhost:" + port.group(1) + "/postgres",
					"--spring.datasource.username=postgres");
			DefaultJWTProcessor<SecurityContext> resourceServer = resourceServer(server.baseUrl());
			// And the real sample resource server, re-reading the JWKS every 10 seconds.
			ServerProcess api = ServerProcess.start("latchkey.resource-server.jar", "key-rotation-api",
					ServerProcess.freePort(), List.of("--latchkey.issuer=" + server.baseUrl(),
							"--latchkey.keys.refresh-interval=10s", "--logging.level.dev.latchkey.resource=DEBUG"))
				.awaitReady(Duration.ofMinutes(1));
			AtomicInteger accepted = new AtomicInteger();

			String before = kid(token(server.baseUrl()));
			Set<String> kids = ConcurrentHashMap.newKeySet();
			AtomicInteger verified = new AtomicInteger();
			List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
			AtomicBoolean running = new AtomicBoolean(true);
			Thread traffic = new Thread(() -> {
				while (running.get()) {
					try {
						String token = token(server.baseUrl());
						kids.add(kid(token));
						resourceServer.process(token, null);
						verified.incrementAndGet();
						int status = callApi(api, token);
						if (status != 200) {
							failures.add("resource server answered " + status);
						}
						accepted.incrementAndGet();
					}
					catch (Exception ex) {
						failures.add(ex.toString());
					}
				}
			});
			traffic.start();
			Admin rotation = admin(admin, "keys", "rotate", "--force", "--actor", "system-test");
			String after = null;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (System.nanoTime() < deadline && (after == null || verified.get() < 20)) {
				after = kids.stream().filter((kid) -> !kid.equals(before)).findFirst().orElse(null);
				Thread.sleep(100);
			}
			running.set(false);
			traffic.join();
			assertThat(rotation.code()).as(rotation.output()).isZero();
			assertThat(rotation.output()).contains("ES256: key " + after + " signs now");
			assertThat(failures).as("tokens that failed across the rotation").isEmpty();
			assertThat(kids).containsExactlyInAnyOrder(before, after);
			System.out.printf(
					"Forced rotation: %d tokens verified, %d accepted by the resource server, 0 failed, across %s -> %s%n",
					verified.get(), accepted.get(), before, after);

			String signedByRevoked = token(server.baseUrl());
			assertThat(kid(signedByRevoked)).isEqualTo(after);
			resourceServer.process(signedByRevoked, null);
			Admin revocation = admin(admin, "keys", "revoke", after, "--reason", "system test", "--actor",
					"system-test");
			assertThat(revocation.code()).as(revocation.output()).isZero();
			// A resource server that has fetched the JWKS since the revocation.
			DefaultJWTProcessor<SecurityContext> refreshed = resourceServer(server.baseUrl());
			assertThatException().isThrownBy(() -> refreshed.process(signedByRevoked, null))
				.withMessageContaining("no matching key");
			String replacement = token(server.baseUrl());
			assertThat(kid(replacement)).isNotIn(before, after);
			refreshed.process(replacement, null);
			// The sample refuses the revoked key's token once it has read the JWKS again.
			long refreshDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (callApi(api, signedByRevoked) != 401 && System.nanoTime() < refreshDeadline) {
				Thread.sleep(500);
			}
			assertThat(callApi(api, signedByRevoked)).as("revoked key's token at the resource server").isEqualTo(401);
			assertThat(callApi(api, replacement)).isEqualTo(200);
			api.close();

			Admin list = admin(admin, "keys", "list");
			assertThat(list.output()).containsPattern("ES256\\s+REVOKED\\s+" + after)
				.contains("by system-test: system test");
		}
	}

	/**
	 * A token verifier configured the way Spring Security's {@code NimbusJwtDecoder} sets
	 * up its JWKS source: refetch for an unknown key id, without rate limit or
	 * refresh-ahead.
	 */
	private static DefaultJWTProcessor<SecurityContext> resourceServer(String baseUrl) throws IOException {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
				JWKSourceBuilder.create(URI.create(baseUrl + "/oauth2/jwks").toURL())
					.rateLimited(false)
					.refreshAheadCache(false)
					.build()));
		return processor;
	}

	private String token(String baseUrl) {
		String credentials = Base64.getEncoder()
			.encodeToString("demo-service:demo-service-secret".getBytes(StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
				.header("Authorization", "Basic " + credentials)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=documents.read"))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"Token request failed: " + response.statusCode() + " " + response.body());
			}
			Map<String, Object> json = JSONObjectUtils.parse(response.body());
			return (String) json.get("access_token");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int callApi(ServerProcess api, String token) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/documents"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String kid(String token) {
		try {
			return SignedJWT.parse(token).getHeader().getKeyID();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs {@code java -jar auth-server.jar admin ...} as an operator would.
	 */
	private static Admin admin(List<String> settings, String... command) throws Exception {
		Path jar = Path.of(System.getProperty("latchkey.auth-server.jar", "missing"));
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-jar", jar.toString(), "admin"));
		line.addAll(settings);
		line.addAll(List.of(command));
		Path output = Files.createTempFile(ServerProcess.workDir(), "admin", ".log");
		Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("admin " + String.join(" ", command) + " did not finish");
		}
		return new Admin(process.exitValue(), Files.readString(output));
	}

	private record Admin(int code, String output) {
	}

}
