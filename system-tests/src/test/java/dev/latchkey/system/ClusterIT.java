package dev.latchkey.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two auth-server nodes on one PostgreSQL behind a round-robin proxy, as in a cluster:
 * sessions, lockout counters, rate limits and signing keys are shared, and one node keeps
 * serving when the other is killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

	private static final String WRONG = "Wrong-Password-99!";

	private static SystemDatabase database;

	private static RoundRobinProxy proxy;

	private static ServerProcess nodeA;

	private static ServerProcess nodeB;

	@BeforeAll
	static void startCluster() {
		database = SystemDatabase.startEmbedded();
		int proxyPort = ServerProcess.freePort();
		String issuer = "http://localhost:" + proxyPort;
		// One after the other: both seed the same sample data at startup.
		nodeA = AuthServers.start("cluster-node-a", ServerProcess.freePort(), issuer, database);
		nodeB = AuthServers.start("cluster-node-b", ServerProcess.freePort(), issuer, database);
		proxy = new RoundRobinProxy(proxyPort, List.of(nodeA.baseUrl(), nodeB.baseUrl()));
	}

	@AfterAll
	static void stopCluster() {
		if (proxy != null) {
			proxy.close();
		}
		for (ServerProcess node : new ServerProcess[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	@Order(1)
	void signInOnNodeAThenFinishAuthorizationOnNodeB() {
		HttpBrowser browser = new HttpBrowser();
		OAuth.Pkce pkce = OAuth.Pkce.create();
		String scope = "openid profile documents.read";
		String authorize = OAuth.authorizeUrl(nodeA.baseUrl(), "demo-web", OAuth.DEMO_WEB_REDIRECT, scope, pkce,
				"cluster");

		assertThat(HttpBrowser.location(browser.get(authorize))).endsWith("/login");
		HttpResponse<String> signedIn = browser.signIn(nodeA.baseUrl(), "user@example.com");
		assertThat(signedIn.statusCode()).isEqualTo(302);

		// The load balancer sends the rest of the journey to node B.
		String onNodeB = nodeB.baseUrl() + HttpBrowser.location(signedIn).replaceFirst("^https?://[^/]+", "");
		String consentUrl = HttpBrowser.location(browser.get(onNodeB));
		assertThat(consentUrl).as("node B knows the session started on node A").contains("/oauth2/consent");
		String callback = HttpBrowser.location(browser.consent(nodeB.baseUrl(),
				nodeB.baseUrl() + consentUrl.replaceFirst("^https?://[^/]+", ""), scope));
		assertThat(callback).startsWith(OAuth.DEMO_WEB_REDIRECT);
		String code = OAuth.query(callback).get("code");

		HttpResponse<String> tokens = OAuth.exchangeCode(nodeA.baseUrl(), code, pkce);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		OAuth.verify(nodeB.baseUrl(), (String) OAuth.json(tokens).get("access_token"));
	}

	@Test
	@Order(2)
	void failedSignInsSpreadOverBothNodesThenAccountLockedOnBoth() {
		String email = "cluster-lockout-" + UUID.randomUUID() + "@example.test";
		database.createAccountLike("user@example.com", email);
		for (int i = 0; i < 5; i++) {
			// Node A gets failures 1, 3 and 5, node B 2 and 4: neither alone saw five.
			ServerProcess node = (i % 2 == 0) ? nodeA : nodeB;
			HttpResponse<String> failed = new HttpBrowser().signIn(node.baseUrl(), email, WRONG);
			assertThat(HttpBrowser.location(failed)).as("failure %d", i + 1).endsWith("/login?error");
		}
		assertThat(database.isLocked(email)).isTrue();
		for (ServerProcess node : List.of(nodeA, nodeB)) {
			HttpResponse<String> right = new HttpBrowser().signIn(node.baseUrl(), email, OAuth.SAMPLE_PASSWORD);
			assertThat(HttpBrowser.location(right)).as("the right password on " + node.baseUrl())
				.endsWith("/login?error");
		}
	}

	@Test
	@Order(3)
	void rateLimitsCountedOnBothNodesThen429FromEither() {
		// Sign-in: 10 failures per email from one address, wherever they land.
		String email = "cluster-limit-" + UUID.randomUUID() + "@example.test";
		for (int i = 0; i < 10; i++) {
			ServerProcess node = (i % 2 == 0) ? nodeA : nodeB;
			assertThat(new HttpBrowser().signIn(node.baseUrl(), email, WRONG).statusCode()).isEqualTo(302);
		}
		for (ServerProcess node : List.of(nodeA, nodeB)) {
			HttpResponse<String> limited = new HttpBrowser().signIn(node.baseUrl(), email, WRONG);
			assertThat(limited.statusCode()).as("sign-in on " + node.baseUrl()).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		}
		// Client authentication: 20 failures per client, whichever node checks them.
		String clientId = "cluster-guess-" + UUID.randomUUID();
		Map<String, String> grant = Map.of("grant_type", "client_credentials");
		for (int i = 0; i < 20; i++) {
			ServerProcess node = (i % 2 == 0) ? nodeA : nodeB;
			assertThat(OAuth.token(node.baseUrl(), clientId, "guess-" + i, grant).statusCode()).isEqualTo(401);
		}
		for (ServerProcess node : List.of(nodeA, nodeB)) {
			HttpResponse<String> limited = OAuth.token(node.baseUrl(), clientId, "guess", grant);
			assertThat(limited.statusCode()).as("token endpoint on " + node.baseUrl()).isEqualTo(429);
			assertThat(limited.body()).contains("\"error\":\"slow_down\"");
			assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		}
	}

	@Test
	@Order(4)
	void keyRotatedOnNodeAThenNodeBSignsWithTheNewKeyAndBothPublishIt() {
		String before = kid(serviceToken(nodeB));
		HttpResponse<String> rotated = OAuth
			.send(HttpRequest.newBuilder(URI.create(nodeA.baseUrl() + "/admin/api/keys/rotate"))
				.header("Authorization", "Bearer " + adminToken(nodeA))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"force\":true}"))
				.build());
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		String signsNow = OAuth.jsonArray(rotated)
			.stream()
			.filter((result) -> "ES256".equals(result.get("algorithm")))
			.map((result) -> (String) result.get("kid"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ES256 key in " + rotated.body()));
		assertThat(signsNow).isNotEqualTo(before);

		// Node B hears of it through the database (LISTEN/NOTIFY), well before its 30 s
		// key cache would have run out.
		Await.until("node B signs with the key rotated on node A", Duration.ofSeconds(15),
				() -> signsNow.equals(kid(serviceToken(nodeB))));
		assertThat(kid(serviceToken(nodeA))).isEqualTo(signsNow);
		for (ServerProcess node : List.of(nodeA, nodeB)) {
			assertThat(publishedKids(node)).as("JWKS of " + node.baseUrl()).contains(signsNow, before);
			// Tokens from either node verify against the other's JWKS.
			OAuth.verify(node == nodeA ? nodeB.baseUrl() : nodeA.baseUrl(), serviceToken(node));
		}
	}

	@Test
	@Order(5)
	void killOneNodeUnderLoadThenOtherKeepsServingAndNoRefreshTokenLost() throws Exception {
		String refreshToken = refreshTokenViaProxy();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger succeeded = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		ExecutorService load = Executors.newFixedThreadPool(4);
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			workers.add(load.submit(() -> {
				while (running.get()) {
					HttpResponse<String> response = OAuth.token(proxy.baseUrl(), "demo-service", "demo-service-secret",
							Map.of("grant_type", "client_credentials", "scope", "documents.read"));
					(response.statusCode() == 200 ? succeeded : failed).incrementAndGet();
				}
			}));
		}
		RefreshChain chain = new RefreshChain(refreshToken);
		workers.add(load.submit(() -> {
			while (running.get()) {
				chain.step();
			}
		}));

		// Counted answers, not a fixed time: load flows before the kill, and node B
		// answers plenty after it.
		Await.until("30 tokens before the kill", Duration.ofSeconds(60), () -> succeeded.get() >= 30);
		int beforeKill = succeeded.get();
		nodeA.kill();
		Await.until("30 tokens after the kill", Duration.ofSeconds(60), () -> succeeded.get() >= beforeKill + 30);
		Await.until("refresh rotations after the kill", Duration.ofSeconds(60), () -> chain.rotations() > 3);
		running.set(false);
		for (Future<?> worker : workers) {
			worker.get(60, TimeUnit.SECONDS);
		}
		load.shutdown();

		System.out.printf("Cluster kill test: %d token requests before the kill, %d in all, %d failed, %d refresh "
				+ "rotations%n", beforeKill, succeeded.get(), failed.get(), chain.rotations());
		assertThat(beforeKill).as("load was flowing before the kill").isGreaterThan(10);
		assertThat(succeeded.get()).as("node B kept serving after the kill").isGreaterThan(beforeKill + 10);
		assertThat(failed.get()).as("only requests in flight on the killed node fail").isLessThanOrEqualTo(4);
		assertThat(chain.rotations()).isGreaterThan(3);
		HttpResponse<String> last = chain.refresh(chain.current());
		assertThat(last.statusCode()).as("the newest refresh token still works: " + last.body()).isEqualTo(200);
	}

	private static String serviceToken(ServerProcess node) {
		HttpResponse<String> token = OAuth.token(node.baseUrl(), "demo-service", "demo-service-secret",
				Map.of("grant_type", "client_credentials", "scope", "documents.read"));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return (String) OAuth.json(token).get("access_token");
	}

	private static String adminToken(ServerProcess node) {
		HttpResponse<String> token = OAuth.token(node.baseUrl(), "demo-admin", "demo-admin-secret",
				Map.of("grant_type", "client_credentials", "scope", "admin.write"));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return (String) OAuth.json(token).get("access_token");
	}

	private static String kid(String jwt) {
		try {
			return SignedJWT.parse(jwt).getHeader().getKeyID();
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a JWT", ex);
		}
	}

	private static List<String> publishedKids(ServerProcess node) {
		HttpResponse<String> jwks = OAuth
			.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/oauth2/jwks")).GET().build());
		assertThat(jwks.statusCode()).isEqualTo(200);
		try {
			return JWKSet.parse(jwks.body()).getKeys().stream().map(JWK::getKeyID).toList();
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a JWKS: " + jwks.body(), ex);
		}
	}

	private static String refreshTokenViaProxy() {
		HttpBrowser browser = new HttpBrowser();
		OAuth.Pkce pkce = OAuth.Pkce.create();
		String scope = "openid documents.read";
		browser.get(OAuth.authorizeUrl(proxy.baseUrl(), "demo-web", OAuth.DEMO_WEB_REDIRECT, scope, pkce, "load"));
		HttpResponse<String> signedIn = browser.signIn(proxy.baseUrl(), "manager@example.com");
		String next = HttpBrowser.location(browser.get(HttpBrowser.location(signedIn)));
		if (next.contains("/oauth2/consent")) {
			next = HttpBrowser.location(browser.consent(proxy.baseUrl(), next, scope));
		}
		Map<String, Object> tokens = OAuth
			.json(OAuth.exchangeCode(proxy.baseUrl(), OAuth.query(next).get("code"), pkce));
		return (String) tokens.get("refresh_token");
	}

	/**
	 * A client that keeps its refresh token fresh and, like a careful mobile app, retries
	 * once with the same token when a response is lost.
	 */
	private static final class RefreshChain {

		private volatile String current;

		private final AtomicInteger rotations = new AtomicInteger();

		RefreshChain(String refreshToken) {
			this.current = refreshToken;
		}

		void step() {
			HttpResponse<String> response = refresh(this.current);
			if (response.statusCode() == 502) {
				response = refresh(this.current);
			}
			assertThat(response.statusCode()).as("refresh: " + response.body()).isEqualTo(200);
			this.current = (String) OAuth.json(response).get("refresh_token");
			this.rotations.incrementAndGet();
		}

		HttpResponse<String> refresh(String token) {
			return OAuth.token(proxy.baseUrl(), "demo-web", "demo-web-secret",
					Map.of("grant_type", "refresh_token", "refresh_token", token));
		}

		String current() {
			return this.current;
		}

		int rotations() {
			return this.rotations.get();
		}

	}

}
