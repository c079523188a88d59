package dev.latchkey.auth.client;

import org.jspecify.annotations.Nullable;

/**
 * A client just registered or given a new secret, with the secret in clear: shown once,
 * never stored (only its SHA-256 hash is).
 *
 * @param client the client
 * @param secret the secret in clear, {@code null} for a client without one
 */
public record IssuedSecret(ClientDetails client, @Nullable String secret) {

	@Override
	public String toString() {
		return "IssuedSecret[clientId=" + this.client.clientId() + ", secret="
				+ ((this.secret != null) ? "***" : "none") + "]";
	}

}
