package dev.latchkey.auth.keys;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of one cluster (two servers on one database, one clock): a due rotation
 * happens once, whichever node gets there, and both sign with the new key right after; a
 * change made on one node reaches the other at once through {@code LISTEN/NOTIFY}, and
 * within one key cache period without it.
 */
@Tag("integration")
class TwoNodeRotationTests {

	private static final String SCHEMA = "keys_cluster";

	private static final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private static TestNode a;

	private static TestNode b;

	@BeforeAll
	static void startCluster() {
		TestNode.resetSchema(SCHEMA);
		a = TestNode.start(SCHEMA, clock);
		b = TestNode.start(SCHEMA, clock);
	}

	@AfterAll
	static void stopCluster() {
		b.close();
		a.close();
	}

	@Test
	void rotationWhenDueOnBothNodesAtOnceThenHappensOnceAndBothSignWithNewKey() throws Exception {
		String before = kid(accessToken(a));
		assertThat(kid(accessToken(b))).isEqualTo(before);
		a.forgetEvents();
		b.forgetEvents();

		clock.advance(Duration.ofDays(29));
		assertThat(bothAtOnce(() -> a.bean(KeyLifecycle.class).advanceIfDue(),
				() -> b.bean(KeyLifecycle.class).advanceIfDue()))
			.as("exactly one node published the next keys")
			.containsExactlyInAnyOrder(true, false);
		assertThat(events(SigningKeyPublished.class)).extracting(SigningKeyPublished::algorithm)
			.containsExactlyInAnyOrder("ES256", "RS256");

		clock.advance(Duration.ofDays(1));
		assertThat(bothAtOnce(() -> a.bean(KeyLifecycle.class).advanceIfDue(),
				() -> b.bean(KeyLifecycle.class).advanceIfDue()))
			.as("exactly one node activated them")
			.containsExactlyInAnyOrder(true, false);
		List<SigningKeyActivated> activations = events(SigningKeyActivated.class);
		assertThat(activations).extracting(SigningKeyActivated::algorithm).containsExactlyInAnyOrder("ES256", "RS256");
		String after = activations.stream()
			.filter((event) -> event.algorithm().equals("ES256"))
			.findFirst()
			.get()
			.kid();

		assertThat(after).isNotEqualTo(before);
		assertThat(kid(accessToken(a))).isEqualTo(after);
		assertThat(kid(accessToken(b))).isEqualTo(after);
		assertThat(a.bean(SigningKeys.class).list()).filteredOn((key) -> key.state() == SigningKeyState.ACTIVE)
			.hasSize(2);
	}

	@Test
	void changeWhenMadeOnOneNodeThenOtherNodeFollowsWithoutWaitingForItsCache() {
		String before = kid(accessToken(b));
		long rotated = System.nanoTime();
		a.bean(SigningKeys.class).rotate(true, "test");
		String after = kid(accessToken(a));
		assertThat(after).isNotEqualTo(before);
		// The clock stands still: only the notification can make node b reload its keys.
		assertThat(eventually(() -> kid(accessToken(b)).equals(after))).as("node b signs with %s", after).isTrue();
		System.out.printf("Node b signed with the key node a activated %d ms after the rotation call%n",
				(System.nanoTime() - rotated) / 1_000_000);

		a.bean(SigningKeys.class).revoke(after, "test", "compromised");
		assertThat(eventually(() -> jwks(b).getKeyByKeyId(after) == null)).as("node b dropped %s", after).isTrue();
		assertThat(eventually(() -> !kid(accessToken(b)).equals(after))).isTrue();
	}

	@Test
	void changeWhenNotAnnouncedThenOtherNodeFollowsWithinOneCachePeriod() {
		// A node's key cache that hears no notification, as when its listener connection
		// is down.
		SigningKeySource unannounced = new SigningKeySource(b.bean(JdbcSigningKeys.class),
				b.bean(KeyEncryptionKeys.class), clock, (event) -> {
				});
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(unannounced);
		encoder.setJwkSelector((candidates) -> candidates.stream().filter(JWK::isPrivate).findFirst().orElseThrow());
		Supplier<String> sign = () -> (String) encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(),
					JwtClaimsSet.builder()
						.subject("s")
						.issuedAt(clock.instant())
						.expiresAt(clock.instant().plusSeconds(600))
						.build()))
			.getHeaders()
			.get("kid");
		String before = sign.get();

		a.bean(SigningKeys.class).rotate(true, "test");
		String after = kid(accessToken(a));
		clock.advance(SigningKeySource.CACHE_PERIOD.minusSeconds(1));
		assertThat(sign.get()).as("still within the cache period").isEqualTo(before);
		clock.advance(Duration.ofSeconds(1));
		assertThat(sign.get()).as("after the cache period").isEqualTo(after);
	}

	private static <E> List<E> events(Class<E> type) {
		return java.util.stream.Stream.concat(a.events(type).stream(), b.events(type).stream()).toList();
	}

	private static List<Boolean> bothAtOnce(Supplier<Boolean> first, Supplier<Boolean> second) throws Exception {
		CyclicBarrier start = new CyclicBarrier(2);
		CompletableFuture<Boolean> one = CompletableFuture.supplyAsync(() -> await(start, first));
		CompletableFuture<Boolean> two = CompletableFuture.supplyAsync(() -> await(start, second));
		return List.of(one.get(), two.get());
	}

	private static Boolean await(CyclicBarrier start, Supplier<Boolean> work) {
		try {
			start.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return work.get();
	}

	/**
	 * Polls for something another node does asynchronously (a notification), for at most
	 * ten seconds. No expiry is waited for: the test clock stands still.
	 */
	private static boolean eventually(Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.get()) {
				return true;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return condition.get();
	}

	private static String accessToken(TestNode node) {
		HttpResponse<String> response = new TestOAuthClient(node.browser(), "demo-service", "demo-service-secret")
			.clientCredentials("documents.read");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (String) TestOAuthClient.json(response).get("access_token");
	}

	private static JWKSet jwks(TestNode node) {
		try {
			return JWKSet.parse(node.browser().get("/oauth2/jwks").body());
		}
		catch (ParseException ex) {
			throw new AssertionError(ex);
		}
	}

	private static String kid(String token) {
		return SigningKeyLifecycleTests.kid(token);
	}

}
