package dev.latchkey.auth.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;

/**
 * Registers clients with Latchkey's defaults: PKCE for the code flow, short-lived tokens,
 * rotating refresh tokens, hashed secrets.
 */
@Service
public class ClientRegistrations {

	static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(10);

	static final Duration AUTHORIZATION_CODE_TTL = Duration.ofMinutes(5);

	static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(30);

	private final RegisteredClientRepository repository;

	private final ClientSecretHasher hasher;

	private final Clock clock;

	private final JdbcClient jdbc;

	ClientRegistrations(RegisteredClientRepository repository, ClientSecretHasher hasher, Clock clock,
			JdbcClient jdbc) {
		this.repository = repository;
		this.hasher = hasher;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/**
	 * Every registered client, by client id.
	 * @return the clients
	 */
	public List<RegisteredClient> findAll() {
		return this.jdbc.sql("SELECT id FROM oauth2_registered_client ORDER BY client_id")
			.query(String.class)
			.list()
			.stream()
			.map(this.repository::findById)
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	/**
	 * Whether the client's secret is the given one; for spotting published sample
	 * secrets.
	 * @param client the client
	 * @param secret a secret in clear
	 * @return whether it is the client's secret
	 */
	public boolean hasSecret(RegisteredClient client, String secret) {
		return client.getClientSecret() != null && this.hasher.matches(secret, client.getClientSecret());
	}

	/**
	 * Creates the client, or brings an existing one with the same client id to exactly
	 * this definition.
	 * @param definition the client
	 */
	public void ensure(ClientDefinition definition) {
		RegisteredClient existing = this.repository.findByClientId(definition.clientId());
		String id = (existing != null) ? existing.getId() : UUID.randomUUID().toString();
		this.repository.save(toRegisteredClient(id, definition));
	}

	RegisteredClient toRegisteredClient(String id, ClientDefinition definition) {
		RegisteredClient.Builder builder = RegisteredClient.withId(id)
			.clientId(definition.clientId())
			.clientIdIssuedAt(this.clock.instant())
			.clientName(definition.name());
		if (definition.isPublic()) {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		else {
			builder.clientSecret(this.hasher.encode(definition.secret()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		definition.grantTypes().forEach((grant) -> builder.authorizationGrantType(new AuthorizationGrantType(grant)));
		definition.redirectUris().forEach(builder::redirectUri);
		definition.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
		definition.scopes().forEach(builder::scope);
		return builder
			.clientSettings(ClientSettings.builder()
				.requireProofKey(definition.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue()))
				.requireAuthorizationConsent(definition.requireConsent())
				.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(ACCESS_TOKEN_TTL)
				.authorizationCodeTimeToLive(AUTHORIZATION_CODE_TTL)
				.refreshTokenTimeToLive(REFRESH_TOKEN_TTL)
				.reuseRefreshTokens(false)
				.build())
			.build();
	}

}
