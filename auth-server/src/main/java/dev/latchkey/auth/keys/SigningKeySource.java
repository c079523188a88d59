package dev.latchkey.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The signing keys as a {@link JWKSource}: the active key of each algorithm with its
 * private half (for signing), pending and retired keys public only (for the JWKS and for
 * verification). The JWKS and the signer read the same snapshot, so a node never signs
 * with a key it does not publish.
 * <p>
 * Read from PostgreSQL and cached for {@link #CACHE_PERIOD} at most: a change made on
 * another node is announced through {@code LISTEN/NOTIFY} and reaches this node at once,
 * or at the latest when the cache expires. Private keys are decrypted once per key, not
 * on every refresh, and each decryption is published as {@link SigningKeyUnwrapped}.
 */
@Component
final class SigningKeySource implements JWKSource<SecurityContext> {

	static final Duration CACHE_PERIOD = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(SigningKeySource.class);

	private final JdbcSigningKeys store;

	private final KeyEncryptionKeys keyEncryptionKeys;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Map<String, JWK> unwrapped = new ConcurrentHashMap<>();

	private volatile Snapshot snapshot = Snapshot.STALE;

	SigningKeySource(JdbcSigningKeys store, KeyEncryptionKeys keyEncryptionKeys, Clock clock,
			ApplicationEventPublisher events) {
		this.store = store;
		this.keyEncryptionKeys = keyEncryptionKeys;
		this.clock = clock;
		this.events = events;
	}

	@Override
	public List<JWK> get(JWKSelector jwkSelector, SecurityContext context) {
		return jwkSelector.select(current().jwks());
	}

	Snapshot current() {
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		if (current.isFresh(now)) {
			return current;
		}
		synchronized (this) {
			if (this.snapshot == current) {
				this.snapshot = load(now);
			}
			return this.snapshot;
		}
	}

	/**
	 * Drops the cache so the next request reads the keys again.
	 */
	void refresh() {
		this.snapshot = Snapshot.STALE;
	}

	private Snapshot load(Instant now) {
		List<SigningKey> keys = this.store.findPublished();
		List<JWK> jwks = new ArrayList<>();
		Map<String, KeyDecryptionException> failures = new LinkedHashMap<>();
		Set<String> active = new HashSet<>();
		for (SigningKey key : keys) {
			if (key.is(SigningKeyState.ACTIVE)) {
				active.add(key.kid());
				try {
					jwks.add(privateJwk(key, now));
					continue;
				}
				catch (KeyDecryptionException ex) {
					// CAUTION: never fall back to another key; this node cannot sign with
					// this algorithm until the key opens again.
					logger.error("Cannot sign with {} key {}: {}", key.algorithm(), key.kid(), ex.getMessage());
					failures.put(key.kid(), ex);
				}
			}
			jwks.add(key.publicJwk());
		}
		this.unwrapped.keySet().retainAll(active);
		return new Snapshot(keys, new JWKSet(jwks), failures, now);
	}

	private JWK privateJwk(SigningKey key, Instant now) {
		JWK cached = this.unwrapped.get(key.kid());
		if (cached != null) {
			return cached;
		}
		WrappedKey wrapped = key.privateKey();
		if (wrapped == null) {
			throw new KeyDecryptionException("Active signing key " + key.kid() + " has no private half", null);
		}
		KeyEncryptionKeys.Unwrapped opened = this.keyEncryptionKeys.unwrap(key.kid(), wrapped);
		this.events.publishEvent(new SigningKeyUnwrapped(key.kid(), key.algorithm(), opened.kekId(),
				SigningKeyUnwrapped.Purpose.SIGNING, now));
		if (!opened.privateJwk().toPublicJWK().equals(key.publicJwk())) {
			throw new KeyDecryptionException(
					"Signing key " + key.kid()
							+ ": the stored public key does not match the private key; the row was tampered with",
					null);
		}
		this.unwrapped.put(key.kid(), opened.privateJwk());
		return opened.privateJwk();
	}

	/**
	 * The keys as one node saw them at one moment.
	 *
	 * @param keys the published keys
	 * @param jwks the same keys as JWKs, active ones with their private half
	 * @param failures active keys that could not be opened, by kid
	 * @param loadedAt when they were read
	 */
	record Snapshot(List<SigningKey> keys, JWKSet jwks, Map<String, KeyDecryptionException> failures,
			Instant loadedAt) {

		static final Snapshot STALE = new Snapshot(List.of(), new JWKSet(), Map.of(), Instant.MIN);

		boolean isFresh(Instant now) {
			return this != STALE && this.loadedAt.plus(CACHE_PERIOD).isAfter(now)
					&& !this.loadedAt.isAfter(now.plus(CACHE_PERIOD));
		}

		Optional<SigningKey> active(String algorithm) {
			return find(algorithm, SigningKeyState.ACTIVE);
		}

		Optional<SigningKey> pending(String algorithm) {
			return find(algorithm, SigningKeyState.PENDING);
		}

		private Optional<SigningKey> find(String algorithm, SigningKeyState state) {
			return this.keys.stream().filter((key) -> key.algorithm().equals(algorithm) && key.is(state)).findFirst();
		}

	}

}
