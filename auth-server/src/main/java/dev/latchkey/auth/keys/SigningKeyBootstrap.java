package dev.latchkey.auth.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Before the server takes requests: opens every private key that may sign (failing
 * startup with a clear message if no configured key-encryption key opens one, or if one
 * was tampered with), re-wraps keys still wrapped under a previous key-encryption key,
 * and applies due rotations, creating the first keys on a fresh database. Several nodes
 * starting together do this one after another under the signing key lock.
 */
@Component
final class SigningKeyBootstrap implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyBootstrap.class);

	private final JdbcSigningKeys store;

	private final KeyEncryptionKeys keyEncryptionKeys;

	private final KeyLifecycle lifecycle;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final SigningKeySource source;

	SigningKeyBootstrap(JdbcSigningKeys store, KeyEncryptionKeys keyEncryptionKeys, KeyLifecycle lifecycle,
			TransactionTemplate transactions, ApplicationEventPublisher events, SigningKeySource source) {
		this.store = store;
		this.keyEncryptionKeys = keyEncryptionKeys;
		this.lifecycle = lifecycle;
		this.transactions = transactions;
		this.events = events;
		this.source = source;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.transactions.executeWithoutResult((status) -> {
			this.store.lock();
			Instant now = this.lifecycle.now();
			rewrap(now);
			this.lifecycle.advance(now);
		});
		this.source.refresh();
		// Fail at startup, not at the first token request, if an active key does not
		// open.
		this.source.current().failures().values().stream().findFirst().ifPresent((failure) -> {
			throw failure;
		});
	}

	private void rewrap(Instant now) {
		String current = this.keyEncryptionKeys.currentId();
		List<String> kids = new ArrayList<>();
		TreeSet<String> from = new TreeSet<>();
		for (SigningKey key : this.store.findWrapped()) {
			WrappedKey wrapped = Objects.requireNonNull(key.privateKey());
			KeyEncryptionKeys.Unwrapped opened = this.keyEncryptionKeys.unwrap(key.kid(), wrapped);
			this.events.publishEvent(new SigningKeyUnwrapped(key.kid(), key.algorithm(), opened.kekId(),
					SigningKeyUnwrapped.Purpose.STARTUP_CHECK, now));
			if (!current.equals(wrapped.kekId())) {
				// Also labels keys stored before KEK ids were recorded.
				this.store.rewrap(key.kid(), this.keyEncryptionKeys.wrap(opened.privateJwk()));
				if (!current.equals(opened.kekId())) {
					kids.add(key.kid());
					from.add(opened.kekId());
				}
			}
		}
		if (!kids.isEmpty()) {
			this.events.publishEvent(new KeyEncryptionKeyRotated(List.copyOf(from), current, kids, now));
			logger.info("Re-wrapped signing keys {} under key-encryption key {} (were under {})", kids, current, from);
		}
	}

}
