package dev.latchkey.auth.client;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

class CachedRegisteredClientsTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return CachedRegisteredClientsTests.this.now.get();
		}

	};

	@Test
	void findWhenStoredWithoutPkceThenPkceRequiredAnyway() {
		RegisteredClient stored = client("legacy", false);
		CachedRegisteredClients clients = new CachedRegisteredClients(new InMemoryRegisteredClientRepository(stored),
				this.clock);
		assertThat(clients.findByClientId("legacy").getClientSettings().isRequireProofKey()).isTrue();
		assertThat(clients.findById(stored.getId()).getClientSettings().isRequireProofKey()).isTrue();
	}

	@Test
	void findWhenChangedByAnotherNodeThenSeenAfterCachePeriod() {
		RegisteredClient original = client("app", true);
		InMemoryRegisteredClientRepository database = new InMemoryRegisteredClientRepository(original);
		CachedRegisteredClients clients = new CachedRegisteredClients(database, this.clock);
		assertThat(clients.findByClientId("app").getClientName()).isEqualTo("app");

		database.save(RegisteredClient.from(original).clientName("renamed").build());
		assertThat(clients.findByClientId("app").getClientName()).as("cached").isEqualTo("app");

		this.now.set(this.now.get().plus(CachedRegisteredClients.CACHE_PERIOD));
		assertThat(clients.findByClientId("app").getClientName()).isEqualTo("renamed");
	}

	@Test
	void saveWhenThroughCacheThenSeenAtOnce() {
		RegisteredClient original = client("app", true);
		CachedRegisteredClients clients = new CachedRegisteredClients(new InMemoryRegisteredClientRepository(original),
				this.clock);
		clients.findByClientId("app");
		clients.save(RegisteredClient.from(original).clientName("renamed").build());
		assertThat(clients.findByClientId("app").getClientName()).isEqualTo("renamed");
		assertThat(clients.findByClientId("unknown")).isNull();
	}

	private static RegisteredClient client(String clientId, boolean pkce) {
		return RegisteredClient.withId("id-" + clientId)
			.clientId(clientId)
			.clientName(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example/callback")
			.scope("openid")
			.clientSettings(ClientSettings.builder().requireProofKey(pkce).build())
			.build();
	}

}
