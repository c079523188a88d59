package dev.latchkey.auth.keys;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves signing keys through their lifecycle: {@code PENDING} (published, waiting out
 * publish-ahead) to {@code ACTIVE} (signing for the rotation period) to {@code RETIRED}
 * (published until every token it signed has expired) to {@code REMOVED}; or
 * {@code REVOKED} at once. Every change runs in one transaction under the signing key
 * lock, is announced to every node, and is published as an event.
 */
@Component
class KeyLifecycle {

	static final List<String> ALGORITHMS = List.of("ES256", "RS256");

	static final String SYSTEM = "system";

	private static final Logger logger = LoggerFactory.getLogger(KeyLifecycle.class);

	private final JdbcSigningKeys store;

	private final KeyEncryptionKeys keyEncryptionKeys;

	private final KeyRotationProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final SigningKeySource source;

	private final SigningKeyGenerator generator;

	KeyLifecycle(JdbcSigningKeys store, KeyEncryptionKeys keyEncryptionKeys, KeyRotationProperties properties,
			TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events, SigningKeySource source,
			SigningKeyGenerator generator) {
		this.store = store;
		this.generator = generator;
		this.keyEncryptionKeys = keyEncryptionKeys;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
		this.events = events;
		this.source = source;
	}

	/**
	 * Applies every transition that is due, unless another node is doing so right now (it
	 * then applies them; the transitions depend only on the stored keys and the time, so
	 * they happen once).
	 * @return whether anything changed
	 */
	boolean advanceIfDue() {
		boolean changed = Boolean.TRUE
			.equals(this.transactions.execute((status) -> this.store.tryLock() && advance(now())));
		if (changed) {
			this.source.refresh();
		}
		return changed;
	}

	/**
	 * Applies every transition that is due. The caller's transaction holds the lock.
	 */
	boolean advance(Instant now) {
		boolean changed = false;
		for (String algorithm : ALGORITHMS) {
			changed |= advance(algorithm, now);
		}
		if (changed) {
			this.store.announceChange();
		}
		return changed;
	}

	private boolean advance(String algorithm, Instant now) {
		Keys keys = keys(algorithm);
		boolean changed = removeExpired(algorithm, keys, now);
		SigningKey active = keys.active();
		SigningKey pending = keys.pending();
		if (pending != null && (active == null || isDue(pending, now))) {
			active = activate(active, pending, now, SYSTEM);
			pending = null;
			changed = true;
		}
		else if (active == null) {
			// First start (or every key revoked): nothing signs yet, so a key must sign
			// at once.
			active = activate(null, publish(algorithm, now, now, SYSTEM), now, SYSTEM);
			changed = true;
		}
		if (active.retiresAt() == null) {
			// A key stored before retirement was planned.
			this.store.planRetirement(active.kid(), retiresAt(active));
			changed = true;
		}
		Instant retiresAt = retiresAt(active);
		if (pending == null && !now.isBefore(retiresAt.minus(this.properties.publishAhead()))) {
			Instant earliest = now.plus(this.properties.publishAhead());
			publish(algorithm, now, retiresAt.isAfter(earliest) ? retiresAt : earliest, SYSTEM);
			changed = true;
		}
		return changed;
	}

	private boolean removeExpired(String algorithm, Keys keys, Instant now) {
		boolean removed = false;
		for (SigningKey retired : keys.retired()) {
			if (retired.removesAt() == null || !retired.removesAt().isAfter(now)) {
				this.store.remove(retired.kid(), now);
				this.events.publishEvent(new SigningKeyRemoved(retired.kid(), algorithm, SYSTEM, now));
				logger.info("Removed {} key {} from the JWKS", algorithm, retired.kid());
				removed = true;
			}
		}
		return removed;
	}

	private boolean isDue(SigningKey pending, Instant now) {
		return !now.isBefore(pending.activatesAt())
				&& !now.isBefore(pending.createdAt().plus(this.properties.publishAhead()));
	}

	private Instant retiresAt(SigningKey active) {
		return (active.retiresAt() != null) ? active.retiresAt()
				: active.activatesAt().plus(this.properties.rotationPeriod());
	}

	/**
	 * Operator rotation: publishes the next key of each algorithm, which signs once it
	 * has been published for publish-ahead; forced, the next key signs now.
	 */
	List<KeyRotationResult> rotate(boolean force, String actor) {
		List<KeyRotationResult> results = locked((now) -> {
			List<KeyRotationResult> done = new ArrayList<>();
			for (String algorithm : ALGORITHMS) {
				done.add(rotate(algorithm, force, actor, now));
			}
			this.store.announceChange();
			return done;
		});
		this.source.refresh();
		return results;
	}

	private KeyRotationResult rotate(String algorithm, boolean force, String actor, Instant now) {
		Keys keys = keys(algorithm);
		SigningKey pending = keys.pending();
		if (force) {
			SigningKey next = (pending != null) ? pending : publish(algorithm, now, now, actor);
			activate(keys.active(), next, now, actor);
			return new KeyRotationResult(algorithm, next.kid(), now, KeyRotationResult.Outcome.ACTIVATED);
		}
		if (pending != null) {
			return new KeyRotationResult(algorithm, pending.kid(), pending.activatesAt(),
					KeyRotationResult.Outcome.ALREADY_PUBLISHED);
		}
		Instant activatesAt = now.plus(this.properties.publishAhead());
		SigningKey next = publish(algorithm, now, activatesAt, actor);
		if (keys.active() != null) {
			this.store.planRetirement(keys.active().kid(), activatesAt);
		}
		return new KeyRotationResult(algorithm, next.kid(), activatesAt, KeyRotationResult.Outcome.PUBLISHED);
	}

	/**
	 * Takes a key out of the JWKS at once and destroys its private half. An active key is
	 * replaced at once by the pending key, or by a new one.
	 */
	SigningKeyDetails revoke(String kid, String actor, String reason) {
		SigningKeyDetails revoked = locked((now) -> {
			SigningKey key = this.store.findByKid(kid)
				.orElseThrow(() -> new SigningKeyOperationException("No signing key has the id " + kid));
			if (key.revocation() != null) {
				throw new SigningKeyOperationException("Signing key " + kid + " was already revoked at "
						+ key.revocation().at() + " by " + key.revocation().by());
			}
			if (!key.state().isPublished()) {
				throw new SigningKeyOperationException("Signing key " + kid + " left the JWKS at " + key.removesAt()
						+ " after every token it signed had expired; there is nothing to revoke");
			}
			Keys keys = keys(key.algorithm());
			this.store.revoke(kid, new SigningKey.Revocation(now, actor, reason));
			this.events.publishEvent(new SigningKeyRevoked(kid, key.algorithm(), key.state(), actor, reason, now));
			logger.warn("Revoked {} {} key {} (by {}: {})", key.state(), key.algorithm(), kid, actor, reason);
			if (key.is(SigningKeyState.ACTIVE)) {
				SigningKey pending = keys.pending();
				activate(null, (pending != null) ? pending : publish(key.algorithm(), now, now, actor), now, actor);
			}
			this.store.announceChange();
			return this.store.findByKid(kid).orElseThrow().details();
		});
		this.source.refresh();
		return revoked;
	}

	private SigningKey activate(@Nullable SigningKey current, SigningKey next, Instant now, String actor) {
		if (current != null) {
			Instant removesAt = now.plus(this.properties.retention());
			this.store.retire(current.kid(), now, removesAt);
			this.events.publishEvent(new SigningKeyRetired(current.kid(), current.algorithm(), removesAt, actor, now));
		}
		Instant retiresAt = now.plus(this.properties.rotationPeriod());
		this.store.activate(next.kid(), now, retiresAt);
		this.events.publishEvent(
				new SigningKeyActivated(next.kid(), next.algorithm(), next.createdAt(), retiresAt, actor, now));
		logger.info("{} key {} signs from now on (published {}){}", next.algorithm(), next.kid(), next.createdAt(),
				(current != null) ? ", replacing " + current.kid() : "");
		return this.store.findByKid(next.kid()).orElseThrow();
	}

	private SigningKey publish(String algorithm, Instant now, Instant activatesAt, String actor) {
		JWK jwk = this.generator.generate(algorithm);
		SigningKey key = SigningKey.pending(jwk, algorithm, this.keyEncryptionKeys.wrap(jwk), now, activatesAt);
		this.store.insert(key);
		this.events.publishEvent(new SigningKeyPublished(key.kid(), algorithm, activatesAt, actor, now));
		logger.info("Published {} key {}; it signs from {}", algorithm, key.kid(), activatesAt);
		return key;
	}

	private Keys keys(String algorithm) {
		SigningKey active = null;
		SigningKey pending = null;
		List<SigningKey> retired = new ArrayList<>();
		for (SigningKey key : this.store.findPublished(algorithm)) {
			switch (key.state()) {
				case ACTIVE -> active = key;
				case PENDING -> pending = key;
				default -> retired.add(key);
			}
		}
		return new Keys(active, pending, retired);
	}

	private <T> T locked(java.util.function.Function<Instant, T> work) {
		return this.transactions.execute((status) -> {
			this.store.lock();
			return work.apply(now());
		});
	}

	/**
	 * The time, to the microsecond PostgreSQL stores, so events and rows agree.
	 */
	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private record Keys(@Nullable SigningKey active, @Nullable SigningKey pending, List<SigningKey> retired) {
	}

}
