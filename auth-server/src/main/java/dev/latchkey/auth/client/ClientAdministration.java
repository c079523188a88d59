package dev.latchkey.auth.client;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators do with clients: register, change, disable and enable them, rotate their
 * secrets, list and find them. Every change is checked against {@link ClientRules} first
 * (nothing is stored on a bad input), saved through the client cache (which empties
 * itself), and published as an event record in the same transaction for the audit log.
 * <p>
 * Client ids are generated unless asked for; secrets are always generated (256 random
 * bits), returned once and stored as SHA-256 hashes. A rotation keeps the previous secret
 * working for a chosen grace period.
 */
@Service
public class ClientAdministration {

	/** The longest grace period of a secret rotation. */
	public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(30);

	static final Duration AUTHORIZATION_CODE_TTL = Duration.ofMinutes(5);

	static final String BACKCHANNEL_LOGOUT_URI_SETTING = "settings.client.backchannel-logout-uri";

	private static final String CLIENT_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final List<String> GRANT_ORDER = List.of(ClientRules.AUTHORIZATION_CODE, ClientRules.REFRESH_TOKEN,
			ClientRules.CLIENT_CREDENTIALS);

	private final CachedRegisteredClients clients;

	private final ClientSecretHasher hasher;

	private final ClientRules rules;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final JdbcClient jdbc;

	ClientAdministration(CachedRegisteredClients clients, ClientSecretHasher hasher, ClientRules rules,
			ApplicationEventPublisher events, Clock clock, JdbcClient jdbc) {
		this.clients = clients;
		this.hasher = hasher;
		this.rules = rules;
		this.events = events;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/**
	 * Registers a client.
	 * @param request what is asked for
	 * @param actor who asks
	 * @return the client, with its secret in clear (to show once) if it has one
	 * @throws InvalidClientException when the request breaks a rule or the client id is
	 * taken; nothing is stored then
	 */
	@Transactional
	public IssuedSecret register(ClientRegistrationRequest request, Actor actor) {
		List<ClientProblem> problems = new ArrayList<>(this.rules.problems(request, true));
		String clientId = (request.clientId() != null) ? request.clientId() : generateClientId();
		if (problems.stream().noneMatch((p) -> p.field().equals(ClientRules.CLIENT_ID))
				&& this.clients.findIncludingDisabled(clientId) != null) {
			problems.add(0, taken(clientId));
		}
		if (!problems.isEmpty()) {
			throw new InvalidClientException(problems);
		}
		boolean withSecret = ClientRegistrationRequest.CLIENT_SECRET_BASIC.equals(request.authenticationMethod());
		String secret = withSecret ? ClientSecretHasher.generateSecret() : null;
		Instant now = this.clock.instant();
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(now);
		switch (request.authenticationMethod()) {
			case ClientRegistrationRequest.CLIENT_SECRET_BASIC -> builder.clientSecret(this.hasher.encode(secret))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
			case ClientRegistrationRequest.PRIVATE_KEY_JWT ->
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
			default -> builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		RegisteredClient client = apply(builder, ClientSettings.builder().build(), request);
		try {
			this.clients.save(client);
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidClientException(List.of(taken(clientId)));
		}
		this.events.publishEvent(new ClientRegistered(clientId, client.getClientName(), request.authenticationMethod(),
				actor.name(), actor.address(), now));
		return new IssuedSecret(details(client, false), secret);
	}

	/**
	 * What is wrong with a request, without storing anything (the client id is not
	 * checked for being taken).
	 * @param request what is asked for
	 * @param registering whether it registers a client (its client id is checked)
	 * @return the problems, empty when the request is fine
	 */
	public List<ClientProblem> problems(ClientRegistrationRequest request, boolean registering) {
		return this.rules.problems(request, registering);
	}

	/**
	 * Changes a client's settings; its client id, secret and authentication method stay.
	 * @param clientId the client
	 * @param request its new settings (the client id in it is ignored)
	 * @param actor who asks
	 * @return the changed client
	 * @throws UnknownClientException when there is no such client
	 * @throws InvalidClientException when the settings break a rule; nothing changes then
	 */
	@Transactional
	public ClientDetails update(String clientId, ClientRegistrationRequest request, Actor actor) {
		RegisteredClient existing = require(clientId);
		List<ClientProblem> problems = new ArrayList<>(this.rules.problems(request, false));
		if (!authenticationMethod(existing).equals(request.authenticationMethod())) {
			problems.add(ClientProblem.of(ClientRules.AUTH_METHOD, "client.error.authMethod.fixed"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidClientException(problems);
		}
		RegisteredClient.Builder builder = RegisteredClient.from(existing)
			.authorizationGrantTypes(Set::clear)
			.redirectUris(Set::clear)
			.postLogoutRedirectUris(Set::clear)
			.scopes(Set::clear);
		RegisteredClient client = apply(builder, existing.getClientSettings(), request);
		this.clients.save(client);
		this.events.publishEvent(new ClientUpdated(clientId, client.getClientName(), actor.name(), actor.address(),
				this.clock.instant()));
		return details(client, hasLogo(client.getId()));
	}

	/**
	 * Disables a client: it can no longer authenticate (no new tokens, no refresh, no
	 * introspection) or start an authorization. Access tokens already issued stay valid
	 * until they expire (at most the client's access token lifetime).
	 * @param clientId the client
	 * @param actor who asks
	 * @return the client
	 */
	@Transactional
	public ClientDetails disable(String clientId, Actor actor) {
		return setDisabled(clientId, true, actor);
	}

	/**
	 * Enables a disabled client again.
	 * @param clientId the client
	 * @param actor who asks
	 * @return the client
	 */
	@Transactional
	public ClientDetails enable(String clientId, Actor actor) {
		return setDisabled(clientId, false, actor);
	}

	private ClientDetails setDisabled(String clientId, boolean disabled, Actor actor) {
		RegisteredClient existing = require(clientId);
		if (CachedRegisteredClients.isDisabled(existing) == disabled) {
			return details(existing, hasLogo(existing.getId()));
		}
		RegisteredClient client = RegisteredClient.from(existing)
			.clientSettings(ClientSettings.withSettings(existing.getClientSettings().getSettings())
				.setting(CachedRegisteredClients.DISABLED_SETTING, disabled)
				.build())
			.build();
		this.clients.save(client);
		Instant now = this.clock.instant();
		this.events.publishEvent(disabled ? new ClientDisabled(clientId, actor.name(), actor.address(), now)
				: new ClientEnabled(clientId, actor.name(), actor.address(), now));
		return details(client, hasLogo(client.getId()));
	}

	/**
	 * Gives a client a new secret. The previous one keeps working for the grace period
	 * (then stops); a secret from before an earlier rotation stops at once.
	 * @param clientId the client
	 * @param gracePeriod how long the current secret keeps working, zero to
	 * {@link #MAX_GRACE_PERIOD}
	 * @param actor who asks
	 * @return the client with its new secret in clear, to show once
	 */
	@Transactional
	public IssuedSecret rotateSecret(String clientId, Duration gracePeriod, Actor actor) {
		RegisteredClient existing = require(clientId);
		List<ClientProblem> problems = new ArrayList<>();
		if (gracePeriod.isNegative() || gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) {
			problems.add(ClientProblem.of("grace_period", "client.error.grace.range", MAX_GRACE_PERIOD.toDays()));
		}
		if (existing.getClientSecret() == null
				|| !ClientRegistrationRequest.CLIENT_SECRET_BASIC.equals(authenticationMethod(existing))) {
			problems.add(ClientProblem.of(ClientRules.AUTH_METHOD, "client.error.secret.none"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidClientException(problems);
		}
		String secret = ClientSecretHasher.generateSecret();
		Instant now = this.clock.instant();
		String encoded = this.hasher.rotate(secret, Objects.requireNonNull(existing.getClientSecret()),
				now.plus(gracePeriod));
		RegisteredClient client = RegisteredClient.from(existing).clientSecret(encoded).build();
		this.clients.save(client);
		Instant previousValidUntil = this.hasher.previousSecretValidUntil(encoded);
		this.events
			.publishEvent(new ClientSecretRotated(clientId, previousValidUntil, actor.name(), actor.address(), now));
		return new IssuedSecret(details(client, hasLogo(client.getId())), secret);
	}

	/**
	 * Every client, disabled ones included, by client id.
	 * @return the clients
	 */
	@Transactional(readOnly = true)
	public List<ClientDetails> list() {
		Set<String> withLogo = Set
			.copyOf(this.jdbc.sql("SELECT registered_client_id FROM client_logo").query(String.class).list());
		return this.jdbc.sql("SELECT id FROM oauth2_registered_client")
			.query(String.class)
			.list()
			.stream()
			.map(this.clients::findById)
			.filter(Objects::nonNull)
			.map((client) -> details(client, withLogo.contains(client.getId())))
			.sorted(Comparator.comparing(ClientDetails::clientId))
			.toList();
	}

	/**
	 * A client, also when disabled.
	 * @param clientId the client id
	 * @return the client, if there is one
	 */
	@Transactional(readOnly = true)
	public Optional<ClientDetails> find(String clientId) {
		return Optional.ofNullable(this.clients.findIncludingDisabled(clientId))
			.map((client) -> details(client, hasLogo(client.getId())));
	}

	private RegisteredClient require(String clientId) {
		RegisteredClient client = this.clients.findIncludingDisabled(clientId);
		if (client == null) {
			throw new UnknownClientException(clientId);
		}
		return client;
	}

	private RegisteredClient apply(RegisteredClient.Builder builder, ClientSettings current,
			ClientRegistrationRequest request) {
		boolean code = request.grantTypes().contains(ClientRules.AUTHORIZATION_CODE);
		builder.clientName(request.name());
		request.grantTypes()
			.stream()
			.distinct()
			.forEach((grant) -> builder.authorizationGrantType(new AuthorizationGrantType(grant)));
		request.redirectUris().forEach(builder::redirectUri);
		request.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
		request.scopes().stream().distinct().forEach(builder::scope);
		ClientSettings.Builder settings = ClientSettings.withSettings(current.getSettings())
			.requireProofKey(code)
			.requireAuthorizationConsent(request.requireConsent())
			.settings((map) -> {
				map.remove(BACKCHANNEL_LOGOUT_URI_SETTING);
				map.remove("settings.client.jwk-set-url");
				map.remove("settings.client.token-endpoint-authentication-signing-algorithm");
			});
		if (request.jwksUri() != null && !request.jwksUri().isBlank()) {
			settings.jwkSetUrl(request.jwksUri()).tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
		}
		if (request.backchannelLogoutUri() != null && !request.backchannelLogoutUri().isBlank()) {
			settings.setting(BACKCHANNEL_LOGOUT_URI_SETTING, request.backchannelLogoutUri());
		}
		return builder.clientSettings(settings.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(request.accessTokenLifetime())
				.authorizationCodeTimeToLive(AUTHORIZATION_CODE_TTL)
				.refreshTokenTimeToLive(request.refreshTokenLifetime())
				.reuseRefreshTokens(false)
				.build())
			.build();
	}

	ClientDetails details(RegisteredClient client, boolean hasLogo) {
		List<String> grants = client.getAuthorizationGrantTypes()
			.stream()
			.map(AuthorizationGrantType::getValue)
			.sorted(Comparator.comparingInt((grant) -> {
				int index = GRANT_ORDER.indexOf(grant);
				return (index < 0) ? GRANT_ORDER.size() : index;
			}))
			.toList();
		ClientSettings settings = client.getClientSettings();
		Object backchannel = settings.getSetting(BACKCHANNEL_LOGOUT_URI_SETTING);
		return new ClientDetails(client.getClientId(), Objects.requireNonNullElse(client.getClientName(), ""),
				authenticationMethod(client), grants, List.copyOf(client.getRedirectUris()),
				List.copyOf(client.getPostLogoutRedirectUris()), client.getScopes().stream().sorted().toList(),
				settings.isRequireAuthorizationConsent(),
				grants.contains(ClientRules.AUTHORIZATION_CODE) || settings.isRequireProofKey(),
				client.getTokenSettings().getAccessTokenTimeToLive(),
				client.getTokenSettings().getRefreshTokenTimeToLive(), settings.getJwkSetUrl(),
				(backchannel instanceof String uri) ? uri : null, client.getClientIdIssuedAt(),
				CachedRegisteredClients.isDisabled(client),
				this.hasher.previousSecretValidUntil(client.getClientSecret()), hasLogo);
	}

	static String authenticationMethod(RegisteredClient client) {
		Set<ClientAuthenticationMethod> methods = client.getClientAuthenticationMethods();
		if (methods.contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)) {
			return ClientRegistrationRequest.PRIVATE_KEY_JWT;
		}
		if (client.getClientSecret() == null || methods.equals(Set.of(ClientAuthenticationMethod.NONE))) {
			return ClientRegistrationRequest.NONE;
		}
		return ClientRegistrationRequest.CLIENT_SECRET_BASIC;
	}

	private boolean hasLogo(String registeredClientId) {
		return this.jdbc.sql("SELECT count(*) FROM client_logo WHERE registered_client_id = :id")
			.param("id", registeredClientId)
			.query(Integer.class)
			.single() > 0;
	}

	private static ClientProblem taken(String clientId) {
		return ClientProblem.of(ClientRules.CLIENT_ID, "client.error.clientId.taken", ClientRules.shorten(clientId));
	}

	static String generateClientId() {
		StringBuilder id = new StringBuilder(22);
		for (int i = 0; i < 22; i++) {
			id.append(CLIENT_ID_ALPHABET.charAt(RANDOM.nextInt(CLIENT_ID_ALPHABET.length())));
		}
		return id.toString();
	}

	@Nullable String registeredId(String clientId) {
		RegisteredClient client = this.clients.findIncludingDisabled(clientId);
		return (client != null) ? client.getId() : null;
	}

}
