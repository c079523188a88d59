package dev.latchkey.auth.client;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestOAuthClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client registration through the service, checked the way a relying party sees it: over
 * real HTTP against the token endpoint, on the real database.
 */
@ClientIntegrationTest
class ClientAdministrationTests {

	static final Actor OPERATOR = new Actor("ops@example.com", "192.0.2.7");

	@LocalServerPort
	int port;

	@Autowired
	ClientAdministration administration;

	@Autowired
	ClientTestSupport.MovableClock clock;

	@Autowired
	ClientTestSupport.ClientEvents events;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void registerWhenServiceThenGeneratedIdAndSecretStoredAsHashAndClientCredentialsWork() {
		IssuedSecret issued = this.administration
			.register(ClientRegistrationRequest.service("Nightly Export", List.of("documents.read")), OPERATOR);

		assertThat(issued.client().clientId()).matches("[A-Za-z0-9]{22}");
		assertThat(issued.secret()).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(issued.toString()).doesNotContain(issued.secret());
		String stored = this.jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?")
			.param(issued.client().clientId())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("{sha256}").doesNotContain(issued.secret());
		assertThat(this.events.of(ClientRegistered.class)).last().satisfies((event) -> {
			assertThat(event.clientId()).isEqualTo(issued.client().clientId());
			assertThat(event.actor()).isEqualTo("ops@example.com");
			assertThat(event.address()).isEqualTo("192.0.2.7");
		});

		assertThat(this.jdbc
			.sql("SELECT actor || ' ' || address || ' ' || subject FROM audit_event WHERE type = 'client.registered' "
					+ "AND subject = ?")
			.param("client:" + issued.client().clientId())
			.query(String.class)
			.list()).as("audit log, same transaction")
			.containsExactly("ops@example.com 192.0.2.7 client:" + issued.client().clientId());

		HttpResponse<String> token = client(issued.client().clientId(), issued.secret())
			.clientCredentials("documents.read");
		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(TestOAuthClient.json(token)).containsEntry("token_type", "Bearer").containsKey("access_token");
	}

	@Test
	void registerWhenWebApplicationThenAuthorizationCodeWithPkceWorks() {
		String redirect = "http://127.0.0.1:8080/new-app/callback";
		IssuedSecret issued = this.administration.register(ClientRegistrationRequest.webApplication("New Web App",
				List.of(redirect), List.of("openid", "profile")), OPERATOR);
		TestBrowser browser = new TestBrowser("http://localhost:" + this.port);
		TestOAuthClient client = new TestOAuthClient(browser, issued.client().clientId(), issued.secret(), redirect);

		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		String code = client.authorize("user@example.com", "openid profile", pkce);
		HttpResponse<String> tokens = client.exchangeCode(code, pkce.verifier());

		assertThat(tokens.statusCode()).isEqualTo(200);
		assertThat(TestOAuthClient.json(tokens)).containsKeys("access_token", "id_token", "refresh_token");
		String withoutPkce = "/oauth2/authorize?response_type=code&client_id=" + issued.client().clientId()
				+ "&redirect_uri=" + TestBrowser.encode(redirect) + "&scope=openid&state=x";
		assertThat(TestBrowser.location(browser.get(withoutPkce))).as("PKCE is required")
			.contains("error=invalid_request");
	}

	@Test
	void rotateSecretWhenGracePeriodThenOldSecretWorksUntilItEndsThenStops() {
		IssuedSecret issued = this.administration
			.register(ClientRegistrationRequest.service("Rotating Service", List.of("documents.read")), OPERATOR);
		String clientId = issued.client().clientId();

		IssuedSecret rotated = this.administration.rotateSecret(clientId, Duration.ofHours(24), OPERATOR);

		assertThat(rotated.secret()).isNotEqualTo(issued.secret());
		assertThat(rotated.client().previousSecretValidUntil()).isNotNull();
		assertThat(client(clientId, issued.secret()).clientCredentials("documents.read").statusCode())
			.as("old secret during the grace period")
			.isEqualTo(200);
		assertThat(client(clientId, rotated.secret()).clientCredentials("documents.read").statusCode()).isEqualTo(200);
		assertThat(this.events.of(ClientSecretRotated.class)).last()
			.satisfies((event) -> assertThat(event.previousValidUntil())
				.isEqualTo(rotated.client().previousSecretValidUntil()));

		this.clock.advance(Duration.ofHours(24).plusSeconds(1));

		assertThat(client(clientId, issued.secret()).clientCredentials("documents.read").statusCode())
			.as("old secret after the grace period")
			.isEqualTo(401);
		assertThat(client(clientId, rotated.secret()).clientCredentials("documents.read").statusCode()).isEqualTo(200);
		assertThat(this.administration.find(clientId).orElseThrow().previousSecretValidUntil()).isNull();
	}

	@Test
	void rotateSecretWhenNoGracePeriodThenOldSecretStopsAtOnce() {
		IssuedSecret issued = this.administration
			.register(ClientRegistrationRequest.service("Compromised Service", List.of("documents.read")), OPERATOR);
		IssuedSecret rotated = this.administration.rotateSecret(issued.client().clientId(), Duration.ZERO, OPERATOR);

		assertThat(client(issued.client().clientId(), issued.secret()).clientCredentials("documents.read").statusCode())
			.isEqualTo(401);
		assertThat(
				client(issued.client().clientId(), rotated.secret()).clientCredentials("documents.read").statusCode())
			.isEqualTo(200);
		assertThatExceptionOfType(InvalidClientException.class)
			.isThrownBy(
					() -> this.administration.rotateSecret(issued.client().clientId(), Duration.ofDays(31), OPERATOR))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(ClientProblem::code)
				.containsExactly("client.error.grace.range"));
	}

	@Test
	void disableWhenDisabledThenNoTokensUntilEnabledAgain() {
		IssuedSecret issued = this.administration
			.register(ClientRegistrationRequest.service("Paused Service", List.of("documents.read")), OPERATOR);
		String clientId = issued.client().clientId();

		assertThat(this.administration.disable(clientId, OPERATOR).disabled()).isTrue();

		assertThat(client(clientId, issued.secret()).clientCredentials("documents.read").statusCode()).isEqualTo(401);
		assertThat(this.administration.find(clientId)).hasValueSatisfying((c) -> assertThat(c.disabled()).isTrue());
		assertThat(this.events.of(ClientDisabled.class)).last()
			.satisfies((event) -> assertThat(event.clientId()).isEqualTo(clientId));

		this.administration.enable(clientId, OPERATOR);
		assertThat(client(clientId, issued.secret()).clientCredentials("documents.read").statusCode()).isEqualTo(200);
	}

	@Test
	void updateWhenValidThenChangedAndSeenAtOnce() {
		IssuedSecret issued = this.administration
			.register(ClientRegistrationRequest.service("Before", List.of("documents.read")), OPERATOR);
		String clientId = issued.client().clientId();
		assertThat(client(clientId, issued.secret()).clientCredentials("documents.write").statusCode()).isEqualTo(400);

		ClientRegistrationRequest changed = new ClientRegistrationRequest(null, "After", "client_secret_basic",
				List.of("client_credentials"), List.of(), List.of(), List.of("documents.read", "documents.write"),
				false, true, Duration.ofMinutes(5), Duration.ofDays(1), null, null);
		ClientDetails details = this.administration.update(clientId, changed, OPERATOR);

		assertThat(details.name()).isEqualTo("After");
		assertThat(details.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
		HttpResponse<String> token = client(clientId, issued.secret()).clientCredentials("documents.write");
		assertThat(token.statusCode()).as("cache evicted on change").isEqualTo(200);
		assertThat(TestOAuthClient.json(token)).containsEntry("expires_in", 299L);
		assertThat(this.events.of(ClientUpdated.class)).last()
			.satisfies((event) -> assertThat(event.name()).isEqualTo("After"));
	}

	@Test
	void registerWhenClientIdTakenThenRefusedAndNothingStored() {
		int before = clientCount();
		assertThatExceptionOfType(InvalidClientException.class)
			.isThrownBy(() -> this.administration.register(
					ClientRegistrationRequest.service("Impostor", List.of("documents.read")).withClientId("demo-web"),
					OPERATOR))
			.satisfies((ex) -> assertThat(ex.problems())
				.containsExactly(ClientProblem.of("client_id", "client.error.clientId.taken", "demo-web")));
		assertThat(clientCount()).isEqualTo(before);
	}

	@Test
	void registerWhenManyProblemsThenAllReportedAndNothingStored() {
		int before = clientCount();
		ClientRegistrationRequest bad = new ClientRegistrationRequest("bad id!", "x".repeat(201), "none",
				List.of("client_credentials", "password"), List.of("http://evil.example/cb#frag"), List.of(),
				List.of("bad scope"), false, false, Duration.ofHours(2), Duration.ofDays(90), "https://keys.example",
				null);
		assertThatExceptionOfType(InvalidClientException.class)
			.isThrownBy(() -> this.administration.register(bad, OPERATOR))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(ClientProblem::field)
				.contains("client_id", "client_name", "grant_types", "scope", "access_token_lifetime",
						"refresh_token_lifetime", "jwks_uri"));
		assertThat(clientCount()).isEqualTo(before);
		assertThat(this.events.of(ClientRegistered.class)).noneMatch((e) -> e.clientId().equals("bad id!"));
	}

	@Test
	void registerWhenEveryInvalidRedirectUriThenEachRefusedWithItsReason() {
		int before = clientCount();
		for (InvalidRedirectUris.Case invalid : InvalidRedirectUris.IN_DEV_MODE) {
			ClientRegistrationRequest request = ClientRegistrationRequest.webApplication("App", List.of(invalid.uri()),
					List.of("openid"));
			assertThatExceptionOfType(InvalidClientException.class).as(invalid.uri())
				.isThrownBy(() -> this.administration.register(request, OPERATOR))
				.satisfies((ex) -> assertThat(ex.problems()).extracting(ClientProblem::code)
					.containsExactly("client.error.redirectUri." + invalid.reason()));
		}
		assertThat(clientCount()).isEqualTo(before);
	}

	@Test
	void registerWhenBackchannelLogoutUriIsPrivateThenRefused() {
		ClientRegistrationRequest request = new ClientRegistrationRequest(null, "Internal RP", "client_secret_basic",
				List.of("authorization_code"), List.of("https://rp.example.com/cb"), List.of(), List.of("openid"), true,
				true, Duration.ofMinutes(10), Duration.ofDays(30), null, "http://10.1.2.3/logout");
		assertThatExceptionOfType(InvalidClientException.class)
			.isThrownBy(() -> this.administration.register(request, OPERATOR))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new ClientProblem("backchannel_logout_uri",
					"client.error.url.address", List.of("http://10.1.2.3/logout", "private"))));
	}

	@Test
	void listWhenClientsRegisteredThenAllByClientIdWithoutSecrets() {
		this.administration.register(
				ClientRegistrationRequest.service("Listed", List.of("documents.read")).withClientId("zz-listed"),
				OPERATOR);
		List<ClientDetails> all = this.administration.list();
		assertThat(all).extracting(ClientDetails::clientId).contains("demo-web", "demo-spa", "zz-listed").isSorted();
		assertThat(all).filteredOn((c) -> c.clientId().equals("demo-spa"))
			.singleElement()
			.satisfies((spa) -> assertThat(spa.authenticationMethod()).isEqualTo("none"));
	}

	private int clientCount() {
		return this.jdbc.sql("SELECT count(*) FROM oauth2_registered_client").query(Integer.class).single();
	}

	private TestOAuthClient client(String clientId, String secret) {
		return new TestOAuthClient(new TestBrowser("http://localhost:" + this.port), clientId, secret);
	}

	static Map<String, String> form(String... pairs) {
		Map<String, String> form = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.put(pairs[i], pairs[i + 1]);
		}
		return form;
	}

}
