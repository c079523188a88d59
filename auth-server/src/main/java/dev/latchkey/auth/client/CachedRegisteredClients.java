package dev.latchkey.auth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Registered clients from PostgreSQL, cached briefly (every token request looks its
 * client up), with PKCE enforced for every client that uses the authorization code grant,
 * whatever its stored settings say. A disabled client is not found by its client id, so
 * it can neither authenticate nor start an authorization; lookups by the internal id
 * (stored authorizations, back-channel logout) still find it.
 * <p>
 * Every save empties this node's cache, again after the transaction commits (so a reader
 * cannot cache the old row in between); other nodes see a change within
 * {@link #CACHE_PERIOD}.
 */
final class CachedRegisteredClients implements RegisteredClientRepository {

	static final Duration CACHE_PERIOD = Duration.ofSeconds(10);

	private final RegisteredClientRepository delegate;

	private final Clock clock;

	private final Map<String, Cached> byId = new ConcurrentHashMap<>();

	private final Map<String, Cached> byClientId = new ConcurrentHashMap<>();

	CachedRegisteredClients(RegisteredClientRepository delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
	}

	/**
	 * The client setting that marks a client as disabled (a {@link Boolean}).
	 */
	static final String DISABLED_SETTING = "settings.client.latchkey-disabled";

	@Override
	public void save(RegisteredClient registeredClient) {
		this.delegate.save(registeredClient);
		evict();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					evict();
				}

			});
		}
	}

	void evict() {
		this.byId.clear();
		this.byClientId.clear();
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		return lookup(this.byId, id, this.delegate::findById);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = findIncludingDisabled(clientId);
		return (client != null && isDisabled(client)) ? null : client;
	}

	/**
	 * A client by its client id, also when it is disabled; for the operators' tools.
	 */
	@Nullable RegisteredClient findIncludingDisabled(String clientId) {
		return lookup(this.byClientId, clientId, this.delegate::findByClientId);
	}

	static boolean isDisabled(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(DISABLED_SETTING));
	}

	private @Nullable RegisteredClient lookup(Map<String, Cached> cache, String key,
			Function<String, @Nullable RegisteredClient> loader) {
		Instant now = this.clock.instant();
		Cached cached = cache.get(key);
		if (cached != null && cached.loadedAt().plus(CACHE_PERIOD).isAfter(now)) {
			return cached.client();
		}
		RegisteredClient loaded = loader.apply(key);
		if (loaded == null) {
			cache.remove(key);
			return null;
		}
		RegisteredClient enforced = requirePkce(loaded);
		cache.put(key, new Cached(enforced, now));
		return enforced;
	}

	static RegisteredClient requirePkce(RegisteredClient client) {
		if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE)
				|| client.getClientSettings().isRequireProofKey()) {
			return client;
		}
		return RegisteredClient.from(client)
			.clientSettings(
					ClientSettings.withSettings(client.getClientSettings().getSettings()).requireProofKey(true).build())
			.build();
	}

	private record Cached(RegisteredClient client, Instant loadedAt) {
	}

}
