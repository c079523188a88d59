package dev.latchkey.auth.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import java.util.regex.Pattern;

import dev.latchkey.auth.authorization.AccessTokenIssued;
import dev.latchkey.auth.authorization.RefreshTokenReuseDetected;
import dev.latchkey.auth.authorization.TokensRevoked;
import dev.latchkey.auth.keys.KeyEncryptionKeyRotated;
import dev.latchkey.auth.keys.SigningKeyActivated;
import dev.latchkey.auth.keys.SigningKeyPublished;
import dev.latchkey.auth.keys.SigningKeyRemoved;
import dev.latchkey.auth.keys.SigningKeyRetired;
import dev.latchkey.auth.keys.SigningKeyRevoked;
import dev.latchkey.auth.password.PasswordChanged;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Records other features' events, synchronously, so each is written in the transaction
 * that published it.
 */
@Component
final class AuditListeners {

	private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,190}");

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
		this.log.record(new AuditEvent("token.issued", actorFor(event.clientId()), AuditActor.address(),
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

	/**
	 * Password sign-ins only (not client authentication at the token endpoint, nor tokens
	 * at the admin API); the interactive duplicate of each success is skipped.
	 */
	@EventListener
	void on(AuthenticationSuccessEvent event) {
		if (event.getClass() != AuthenticationSuccessEvent.class
				|| !(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
			return;
		}
		String account = AuditActor.account(event.getAuthentication().getName());
		this.log.record(AuditEvent.of("signin.succeeded", account, AuditActor.address(), account));
	}

	/**
	 * A failed password sign-in. The subject is the email typed in, if it looks like one:
	 * CAUTION: people type passwords into the email field, so anything else is not kept.
	 */
	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
			return;
		}
		String typed = String.valueOf(event.getAuthentication().getPrincipal()).strip();
		String subject = EMAIL.matcher(typed).matches() ? "email:" + typed.toLowerCase(java.util.Locale.ROOT)
				: "email:(not an email address)";
		String reason = reason(event.getException());
		this.log.record(new AuditEvent("signin.failed", AuditActor.ANONYMOUS, AuditActor.address(), subject,
				Map.of("reason", reason)));
	}

	private static String reason(Exception failure) {
		if (failure instanceof BadCredentialsException) {
			return "bad_credentials";
		}
		if (failure instanceof LockedException) {
			return "locked";
		}
		if (failure instanceof DisabledException) {
			return "disabled";
		}
		return (failure instanceof CredentialsExpiredException) ? "password_expired" : "other";
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
