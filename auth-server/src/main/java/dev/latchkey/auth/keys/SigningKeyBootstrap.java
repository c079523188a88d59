package dev.latchkey.auth.keys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure one key per algorithm signs before the server takes requests. Several nodes
 * starting together create the keys once: the creation runs under a PostgreSQL advisory
 * lock.
 */
@Component
final class SigningKeyBootstrap implements SmartInitializingSingleton {

	static final List<String> ALGORITHMS = List.of("ES256", "RS256");

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyBootstrap.class);

	private final JdbcSigningKeys store;

	private final KeyEncryptionKey keyEncryptionKey;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SigningKeySource source;

	SigningKeyBootstrap(JdbcSigningKeys store, KeyEncryptionKey keyEncryptionKey, TransactionTemplate transactions,
			Clock clock, SigningKeySource source) {
		this.store = store;
		this.keyEncryptionKey = keyEncryptionKey;
		this.transactions = transactions;
		this.clock = clock;
		this.source = source;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.transactions.executeWithoutResult((status) -> {
			this.store.lockForCreation();
			for (String algorithm : ALGORITHMS) {
				if (!this.store.hasActive(algorithm)) {
					create(algorithm);
				}
			}
		});
		this.source.refresh();
		// Fail at startup, not at the first token request, if the KEK is wrong.
		this.source.current();
	}

	private void create(String algorithm) {
		JWK jwk = SigningKeyGenerator.generate(algorithm);
		Instant now = this.clock.instant();
		byte[] encrypted = this.keyEncryptionKey.encrypt(jwk.toJSONString().getBytes(StandardCharsets.UTF_8),
				jwk.getKeyID());
		this.store.insert(new SigningKey(jwk.getKeyID(), algorithm, SigningKey.State.ACTIVE, jwk.toPublicJWK(),
				encrypted, now, now, null));
		logger.info("Created signing key {} ({})", jwk.getKeyID(), algorithm);
	}

}
