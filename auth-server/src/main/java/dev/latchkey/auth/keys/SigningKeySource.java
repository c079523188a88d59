package dev.latchkey.auth.keys;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.stereotype.Component;

/**
 * The signing keys as a {@link JWKSource}: the active key of each algorithm with its
 * private half (for signing), pending and retired keys public only (for the JWKS and for
 * verification). Read from PostgreSQL and cached briefly so that every node picks up a
 * change within the cache period.
 */
@Component
final class SigningKeySource implements JWKSource<SecurityContext> {

	static final Duration CACHE_PERIOD = Duration.ofSeconds(30);

	private final JdbcSigningKeys store;

	private final KeyEncryptionKey keyEncryptionKey;

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(new JWKSet(), Instant.MIN);

	SigningKeySource(JdbcSigningKeys store, KeyEncryptionKey keyEncryptionKey, Clock clock) {
		this.store = store;
		this.keyEncryptionKey = keyEncryptionKey;
		this.clock = clock;
	}

	@Override
	public List<JWK> get(JWKSelector jwkSelector, SecurityContext context) {
		return jwkSelector.select(current());
	}

	JWKSet current() {
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		if (current.loadedAt().plus(CACHE_PERIOD).isAfter(now)) {
			return current.keys();
		}
		synchronized (this) {
			if (this.snapshot == current) {
				this.snapshot = new Snapshot(load(), now);
			}
			return this.snapshot.keys();
		}
	}

	/**
	 * Drops the cache so the next request reads the keys again.
	 */
	void refresh() {
		this.snapshot = new Snapshot(new JWKSet(), Instant.MIN);
	}

	private JWKSet load() {
		List<JWK> keys = new ArrayList<>();
		for (SigningKey key : this.store.findPublished()) {
			keys.add((key.state() == SigningKey.State.ACTIVE) ? decrypt(key) : key.publicJwk());
		}
		return new JWKSet(keys);
	}

	private JWK decrypt(SigningKey key) {
		byte[] json = this.keyEncryptionKey.decrypt(key.privateKeyEncrypted(), key.kid());
		try {
			return JWK.parse(new String(json, StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Signing key " + key.kid() + " decrypted to an unreadable JWK", ex);
		}
	}

	private record Snapshot(JWKSet keys, Instant loadedAt) {
	}

}
