package dev.latchkey.auth.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients as JSON, with the field names of RFC 7591 (dynamic registration) that the admin
 * API uses too: reads a request, field by field with a clear problem for each field of
 * the wrong type, and writes a client.
 */
public final class ClientMetadata {

	/** The largest request body read. */
	public static final int MAX_BODY = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ClientMetadata() {
	}

	/**
	 * Reads a JSON object from a request body of at most {@link #MAX_BODY} bytes.
	 * @param body the body
	 * @return the object
	 * @throws InvalidClientException when it is too large or no JSON object
	 * @throws IOException when the body cannot be read
	 */
	public static JsonNode readObject(InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(MAX_BODY + 1);
		if (bytes.length > MAX_BODY) {
			throw bodyProblem();
		}
		try {
			JsonNode node = JSON.readTree(bytes);
			if (node == null || !node.isObject()) {
				throw bodyProblem();
			}
			return node;
		}
		catch (JacksonException ex) {
			throw bodyProblem();
		}
	}

	private static InvalidClientException bodyProblem() {
		return new InvalidClientException(List.of(ClientProblem.of("body", "client.error.json.body", MAX_BODY / 1024)));
	}

	/**
	 * A registration request from JSON; fields it does not have keep their value in
	 * {@code base}.
	 * @param json the request
	 * @param base the values of absent fields
	 * @return the request
	 * @throws InvalidClientException when a field has the wrong type
	 */
	public static ClientRegistrationRequest read(JsonNode json, ClientRegistrationRequest base) {
		List<ClientProblem> problems = new ArrayList<>();
		Reader reader = new Reader(json, problems);
		String clientId = reader.text(ClientRules.CLIENT_ID, base.clientId());
		String name = reader.text(ClientRules.CLIENT_NAME, base.name());
		String method = reader.text(ClientRules.AUTH_METHOD, base.authenticationMethod());
		List<String> grantTypes = reader.texts(ClientRules.GRANT_TYPES, base.grantTypes());
		List<String> redirectUris = reader.texts(ClientRules.REDIRECT_URIS, base.redirectUris());
		List<String> postLogout = reader.texts(ClientRules.POST_LOGOUT_REDIRECT_URIS, base.postLogoutRedirectUris());
		String scope = reader.text(ClientRules.SCOPE, String.join(" ", base.scopes()));
		boolean consent = reader.bool("require_consent", base.requireConsent());
		boolean pkce = reader.bool(ClientRules.REQUIRE_PKCE, base.requirePkce());
		Duration access = reader.seconds(ClientRules.ACCESS_TOKEN_LIFETIME, base.accessTokenLifetime());
		Duration refresh = reader.seconds(ClientRules.REFRESH_TOKEN_LIFETIME, base.refreshTokenLifetime());
		String jwksUri = reader.text(ClientRules.JWKS_URI, base.jwksUri());
		String backchannel = reader.text(ClientRules.BACKCHANNEL_LOGOUT_URI, base.backchannelLogoutUri());
		if (!problems.isEmpty()) {
			throw new InvalidClientException(problems);
		}
		return new ClientRegistrationRequest(clientId, (name != null) ? name : "",
				(method != null) ? method : ClientRegistrationRequest.CLIENT_SECRET_BASIC, grantTypes, redirectUris,
				postLogout, scopes(scope), consent, pkce, access, refresh, blankToNull(jwksUri),
				blankToNull(backchannel));
	}

	/**
	 * The scopes in a space-separated {@code scope} value.
	 * @param scope the value
	 * @return the scopes
	 */
	public static List<String> scopes(@Nullable String scope) {
		if (scope == null || scope.isBlank()) {
			return List.of();
		}
		return Arrays.stream(scope.strip().split(" +")).toList();
	}

	/**
	 * A client as JSON.
	 * @param client the client
	 * @return its fields
	 */
	public static Map<String, Object> write(ClientDetails client) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put(ClientRules.CLIENT_ID, client.clientId());
		json.put(ClientRules.CLIENT_NAME, client.name());
		json.put(ClientRules.AUTH_METHOD, client.authenticationMethod());
		json.put(ClientRules.GRANT_TYPES, client.grantTypes());
		json.put(ClientRules.REDIRECT_URIS, client.redirectUris());
		json.put(ClientRules.POST_LOGOUT_REDIRECT_URIS, client.postLogoutRedirectUris());
		json.put(ClientRules.SCOPE, String.join(" ", client.scopes()));
		json.put("require_consent", client.requireConsent());
		json.put(ClientRules.REQUIRE_PKCE, client.requirePkce());
		json.put(ClientRules.ACCESS_TOKEN_LIFETIME, client.accessTokenLifetime().toSeconds());
		json.put(ClientRules.REFRESH_TOKEN_LIFETIME, client.refreshTokenLifetime().toSeconds());
		json.put(ClientRules.JWKS_URI, client.jwksUri());
		json.put(ClientRules.BACKCHANNEL_LOGOUT_URI, client.backchannelLogoutUri());
		if (client.issuedAt() != null) {
			json.put("client_id_issued_at", client.issuedAt().getEpochSecond());
		}
		json.put("disabled", client.disabled());
		json.put("previous_secret_valid_until",
				(client.previousSecretValidUntil() != null) ? client.previousSecretValidUntil().toString() : null);
		json.put("logo_uri", client.hasLogo() ? ClientLogos.path(client.clientId()) : null);
		return json;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private record Reader(JsonNode json, List<ClientProblem> problems) {

		@Nullable String text(String field, @Nullable String absent) {
			JsonNode node = this.json.get(field);
			if (node == null) {
				return absent;
			}
			if (node.isNull()) {
				return null;
			}
			if (!node.isString()) {
				this.problems.add(ClientProblem.of(field, "client.error.json.text"));
				return absent;
			}
			return node.asString();
		}

		List<String> texts(String field, List<String> absent) {
			JsonNode node = this.json.get(field);
			if (node == null) {
				return absent;
			}
			if (node.isNull()) {
				return List.of();
			}
			List<String> values = new ArrayList<>();
			if (node.isArray()) {
				for (JsonNode item : node) {
					if (!item.isString()) {
						break;
					}
					values.add(item.asString());
				}
				if (values.size() == node.size()) {
					return values;
				}
			}
			this.problems.add(ClientProblem.of(field, "client.error.json.texts"));
			return absent;
		}

		boolean bool(String field, boolean absent) {
			JsonNode node = this.json.get(field);
			if (node == null) {
				return absent;
			}
			if (!node.isBoolean()) {
				this.problems.add(ClientProblem.of(field, "client.error.json.boolean"));
				return absent;
			}
			return node.asBoolean();
		}

		Duration seconds(String field, Duration absent) {
			JsonNode node = this.json.get(field);
			if (node == null) {
				return absent;
			}
			if (!node.isIntegralNumber() || !node.canConvertToLong()) {
				this.problems.add(ClientProblem.of(field, "client.error.json.seconds"));
				return absent;
			}
			return Duration.ofSeconds(node.asLong());
		}

	}

}
