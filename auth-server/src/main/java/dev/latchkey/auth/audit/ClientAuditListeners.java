package dev.latchkey.auth.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.latchkey.auth.client.ClientDisabled;
import dev.latchkey.auth.client.ClientEnabled;
import dev.latchkey.auth.client.ClientLogoChanged;
import dev.latchkey.auth.client.ClientRegistered;
import dev.latchkey.auth.client.ClientSecretRotated;
import dev.latchkey.auth.client.ClientUpdated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the client feature's events (registered, changed, disabled, enabled, secret
 * rotated, logo changed), synchronously, in the transaction of the change. Never a
 * secret: a rotation records only until when the previous one works.
 */
@Component
final class ClientAuditListeners {

	private final AuditLog log;

	ClientAuditListeners(AuditLog log) {
		this.log = log;
	}

	@EventListener
	void on(ClientRegistered event) {
		record("client.registered", event.actor(), event.address(), event.clientId(),
				Map.of("name", event.name(), "authentication", event.authenticationMethod()));
	}

	@EventListener
	void on(ClientUpdated event) {
		record("client.updated", event.actor(), event.address(), event.clientId(), Map.of("name", event.name()));
	}

	@EventListener
	void on(ClientDisabled event) {
		record("client.disabled", event.actor(), event.address(), event.clientId(), Map.of());
	}

	@EventListener
	void on(ClientEnabled event) {
		record("client.enabled", event.actor(), event.address(), event.clientId(), Map.of());
	}

	@EventListener
	void on(ClientSecretRotated event) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("previous_valid_until",
				(event.previousValidUntil() != null) ? event.previousValidUntil().toString() : "now");
		record("client.secret_rotated", event.actor(), event.address(), event.clientId(), details);
	}

	@EventListener
	void on(ClientLogoChanged event) {
		Map<String, String> details = new LinkedHashMap<>();
		if (event.contentType() != null && event.sha256() != null) {
			details.put("content_type", event.contentType());
			details.put("sha256", event.sha256());
		}
		record((event.contentType() != null) ? "client.logo_changed" : "client.logo_removed", event.actor(),
				event.address(), event.clientId(), details);
	}

	private void record(String type, String actor, @org.jspecify.annotations.Nullable String address, String clientId,
			Map<String, String> details) {
		this.log.record(new AuditEvent(type, actor, address, "client:" + clientId, details));
	}

}
