package dev.latchkey.auth.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.latchkey.auth.authorization.AccessTokenIssued;
import dev.latchkey.auth.authorization.RefreshTokenReuseDetected;
import dev.latchkey.auth.authorization.TokensRevoked;
import dev.latchkey.auth.keys.KeyEncryptionKeyRotated;
import dev.latchkey.auth.keys.SigningKeyActivated;
import dev.latchkey.auth.keys.SigningKeyPublished;
import dev.latchkey.auth.keys.SigningKeyRemoved;
import dev.latchkey.auth.keys.SigningKeyRetired;
import dev.latchkey.auth.keys.SigningKeyRevoked;
import dev.latchkey.auth.lockout.AccountLockedOut;
import dev.latchkey.auth.lockout.AccountUnlocked;
import dev.latchkey.auth.lockout.SignInFailed;
import dev.latchkey.auth.lockout.SignInSucceeded;
import dev.latchkey.auth.password.PasswordChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records other features' events, synchronously, so each is written in the transaction
 * that published it.
 */
@Component
final class AuditListeners {

	private final AuditLog log;

	AuditListeners(AuditLog log) {
		this.log = log;
	}

	@EventListener
	void on(PasswordChanged event) {
		String actor = AuditActor.current();
		String subject = AuditActor.account(event.accountId());
		// Signed in: the person changed it (or an operator did); otherwise it was a reset
		// link (or the expired-password page, which is also not a session).
		String type = actor.equals(AuditActor.ANONYMOUS) ? "password.reset" : "password.changed";
		this.log.record(AuditEvent.of(type, actor.equals(AuditActor.ANONYMOUS) ? subject : actor, AuditActor.address(),
				subject));
	}

	@EventListener
	void on(RefreshTokenReuseDetected event) {
		this.log.record(new AuditEvent("token.refresh_reused", AuditActor.current(), AuditActor.address(),
				principal(event.principalName(), event.clientId()),
				Map.of("client", event.clientId(), "authorization", event.authorizationId())));
	}

	@EventListener
	void on(SigningKeyPublished event) {
		key("key.published", event.actor(), event.kid(), event.algorithm(),
				Map.of("activatesAt", event.activatesAt().toString()));
	}

	@EventListener
	void on(SigningKeyActivated event) {
		key("key.activated", event.actor(), event.kid(), event.algorithm(), Map.of());
	}

	@EventListener
	void on(SigningKeyRetired event) {
		key("key.retired", event.actor(), event.kid(), event.algorithm(),
				Map.of("removesAt", event.removesAt().toString()));
	}

	@EventListener
	void on(SigningKeyRemoved event) {
		key("key.removed", event.actor(), event.kid(), event.algorithm(), Map.of());
	}

	@EventListener
	void on(SigningKeyRevoked event) {
		key("key.revoked", event.actor(), event.kid(), event.algorithm(),
				Map.of("previousState", event.previousState().name(), "reason", event.reason()));
	}

	@EventListener
	void on(KeyEncryptionKeyRotated event) {
		this.log.record(new AuditEvent("key.kek_rotated", AuditActor.SYSTEM, null, null,
				Map.of("toKek", event.toKekId(), "rewrapped", Integer.toString(event.kids().size()))));
	}

	@EventListener
	void on(AccessTokenIssued event) {
		// The most frequent event: batched, so that token requests do not queue for the
		// chain head (AuditLog#recordBatched).
		this.log.recordBatched(new AuditEvent("token.issued", actorFor(event.clientId()), AuditActor.address(),
				principal(event.principalName(), event.clientId()),
				Map.of("client", event.clientId(), "grant", event.grantType(), "scope",
						String.join(" ", new java.util.TreeSet<>(event.scopes())), "authorization",
						event.authorizationId())));
	}

	@EventListener
	void on(TokensRevoked event) {
		this.log.record(new AuditEvent("token.revoked", actorFor(event.clientId()), AuditActor.address(),
				principal(event.principalName(), event.clientId()),
				Map.of("client", event.clientId(), "what", event.what(), "authorization", event.authorizationId())));
	}

	@EventListener
	void on(SignInSucceeded event) {
		String account = AuditActor.account(event.accountId());
		this.log.record(AuditEvent.of("signin.succeeded", account, event.clientAddress(), account));
	}

	/**
	 * A failed sign-in. The lockout feature names the account only when the typed email
	 * has one (never the typed text: people type passwords into the email field).
	 */
	@EventListener
	void on(SignInFailed event) {
		String subject = (event.accountId() != null) ? AuditActor.account(event.accountId()) : null;
		this.log.record(new AuditEvent("signin.failed", AuditActor.ANONYMOUS, event.clientAddress(), subject,
				Map.of("reason", event.reason().name().toLowerCase(java.util.Locale.ROOT))));
	}

	@EventListener
	void on(AccountLockedOut event) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("until", event.untilReset() ? "password reset" : String.valueOf(event.lockedUntil()));
		details.put("lockout", Integer.toString(event.lockout()));
		details.put("failures", Integer.toString(event.consecutiveFailures()));
		this.log.record(new AuditEvent("account.locked", AuditActor.SYSTEM, AuditActor.address(),
				AuditActor.account(event.accountId()), details));
	}

	@EventListener
	void on(AccountUnlocked event) {
		String actor = (event.actor() != null) ? event.actor() : AuditActor.SYSTEM;
		this.log.record(
				new AuditEvent("account.unlocked", actor, AuditActor.address(), AuditActor.account(event.accountId()),
						Map.of("reason", event.reason().name().toLowerCase(java.util.Locale.ROOT))));
	}

	/**
	 * At the token endpoint the actor is the authenticated client; elsewhere (a refresh
	 * by a signed-in person's app) the current actor.
	 */
	private static String actorFor(String clientId) {
		String current = AuditActor.current();
		return current.equals(AuditActor.ANONYMOUS) ? "client:" + clientId : current;
	}

	private void key(String type, String actor, String kid, String algorithm, Map<String, String> more) {
		Map<String, String> details = new LinkedHashMap<>(more);
		details.put("algorithm", algorithm);
		this.log.record(new AuditEvent(type, actor, AuditActor.address(), "key:" + kid, details));
	}

	/**
	 * A token's principal: an account id for people, the client id for services.
	 */
	static String principal(String principalName, String clientId) {
		return principalName.equals(clientId) ? "client:" + clientId : AuditActor.account(principalName);
	}

}
