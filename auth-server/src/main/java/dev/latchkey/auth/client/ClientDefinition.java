package dev.latchkey.auth.client;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A client as an operator describes it.
 *
 * @param clientId the public identifier
 * @param name the name shown on the consent page
 * @param secret the secret in clear for a confidential client, {@code null} for a public
 * one (SPA, native app)
 * @param grantTypes {@code authorization_code}, {@code refresh_token},
 * {@code client_credentials}
 * @param redirectUris where authorization responses may go, matched exactly
 * @param postLogoutRedirectUris where RP-initiated logout may return to
 * @param scopes the scopes the client may ask for
 * @param requireConsent whether users are asked to approve the scopes
 */
public record ClientDefinition(String clientId, String name, @Nullable String secret, Set<String> grantTypes,
		List<String> redirectUris, List<String> postLogoutRedirectUris, Set<String> scopes, boolean requireConsent) {

	public ClientDefinition {
		if (clientId.isBlank() || clientId.length() > 100 || !clientId.matches("[A-Za-z0-9._~-]+")) {
			throw new IllegalArgumentException(
					"A client id is 1 to 100 letters, digits and . _ ~ - (it appears in URLs and tokens)");
		}
		if (name.isBlank() || name.length() > 200 || name.codePoints().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("A client name is 1 to 200 characters without control characters");
		}
		grantTypes = Set.copyOf(grantTypes);
		redirectUris = List.copyOf(redirectUris);
		postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
		scopes = Set.copyOf(scopes);
	}

	boolean isPublic() {
		return this.secret == null;
	}

	@Override
	public String toString() {
		return "ClientDefinition[clientId=" + this.clientId + ", grantTypes=" + this.grantTypes + ", scopes="
				+ this.scopes + "]";
	}

}
