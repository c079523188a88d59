package dev.latchkey.auth.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2.0 Dynamic Client Registration (RFC 7591) at {@value #PATH}: off unless
 * {@code latchkey.clients.dynamic-registration.enabled}, and then only for callers with
 * the initial access token (compared in constant time). The same rules as for operators
 * apply; consent is always asked; a {@code logo_uri} is fetched once through the SSRF
 * guard and stored like an uploaded logo, or the registration is refused.
 */
@RestController
final class DynamicRegistrationController {

	static final String PATH = "/connect/register";

	private final ClientProperties.DynamicRegistration settings;

	private final DynamicRegistration registration;

	private final SsrfGuard guard;

	private final MessageSource messages;

	DynamicRegistrationController(ClientProperties properties, DynamicRegistration registration, SsrfGuard guard,
			MessageSource messages) {
		this.settings = properties.dynamicRegistration();
		this.registration = registration;
		this.guard = guard;
		this.messages = messages;
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, Object>> register(HttpServletRequest request) throws IOException {
		if (!this.settings.enabled()) {
			return ResponseEntity.notFound().build();
		}
		if (!authorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
				.cacheControl(CacheControl.noStore())
				.build();
		}
		try {
			JsonNode json = ClientMetadata.readObject(request.getInputStream());
			ClientRegistrationRequest defaults = new ClientRegistrationRequest(null, "",
					ClientRegistrationRequest.CLIENT_SECRET_BASIC, List.of("authorization_code"), List.of(), List.of(),
					List.of("openid"), true, true, ClientRegistrationRequest.DEFAULT_ACCESS_TOKEN_LIFETIME,
					ClientRegistrationRequest.DEFAULT_REFRESH_TOKEN_LIFETIME, null, null);
			ClientRegistrationRequest asked = ClientMetadata.read(json, defaults);
			String method = "client_secret_post".equals(asked.authenticationMethod())
					? ClientRegistrationRequest.CLIENT_SECRET_BASIC : asked.authenticationMethod();
			// The server assigns the client id; people are always asked for consent.
			ClientRegistrationRequest wanted = new ClientRegistrationRequest(null, asked.name(), method,
					asked.grantTypes(), asked.redirectUris(), asked.postLogoutRedirectUris(), asked.scopes(), true,
					asked.requirePkce(), asked.accessTokenLifetime(), asked.refreshTokenLifetime(), asked.jwksUri(),
					asked.backchannelLogoutUri());
			byte[] logo = fetchLogo(json.get("logo_uri"));
			IssuedSecret issued = this.registration.register(wanted, logo,
					new Actor("dynamic-registration", request.getRemoteAddr()));
			Map<String, Object> body = new LinkedHashMap<>(ClientMetadata.write(issued.client()));
			if (issued.secret() != null) {
				body.put("client_secret", issued.secret());
				body.put("client_secret_expires_at", 0);
			}
			return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
		}
		catch (InvalidClientException ex) {
			return refused(ex.problems());
		}
	}

	private byte @Nullable [] fetchLogo(@Nullable JsonNode logoUri) {
		if (logoUri == null || logoUri.isNull()) {
			return null;
		}
		if (!logoUri.isString()) {
			throw new InvalidClientException(List.of(ClientProblem.of("logo_uri", "client.error.json.text")));
		}
		String url = logoUri.asString();
		try {
			SsrfGuard.Response response = this.guard.get(url, "image/png, image/jpeg, image/webp");
			if (!response.isSuccessful()) {
				throw new InvalidClientException(
						List.of(ClientProblem.of("logo_uri", "client.error.logo.fetch", ClientRules.shorten(url))));
			}
			return response.body();
		}
		catch (UnsafeUrlException ex) {
			List<Object> arguments = new java.util.ArrayList<>();
			arguments.add(ClientRules.shorten(url));
			arguments.addAll(ex.arguments());
			throw new InvalidClientException(
					List.of(new ClientProblem("logo_uri", "client.error.url." + ex.reason(), arguments)));
		}
		catch (IOException ex) {
			throw new InvalidClientException(
					List.of(ClientProblem.of("logo_uri", "client.error.logo.fetch", ClientRules.shorten(url))));
		}
	}

	private boolean authorized(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
		byte[] expected = this.settings.initialAccessToken().getBytes(StandardCharsets.UTF_8);
		// CAUTION: constant time, so the token cannot be guessed byte by byte.
		return MessageDigest.isEqual(presented, expected);
	}

	private ResponseEntity<Map<String, Object>> refused(List<ClientProblem> problems) {
		boolean redirect = problems.stream()
			.anyMatch((p) -> p.field().equals(ClientRules.REDIRECT_URIS)
					|| p.field().equals(ClientRules.POST_LOGOUT_REDIRECT_URIS));
		StringBuilder description = new StringBuilder();
		for (ClientProblem problem : problems) {
			if (!description.isEmpty()) {
				description.append("; ");
			}
			description.append(problem.field())
				.append(": ")
				.append(this.messages.getMessage(problem.code(), problem.argumentArray(), problem.code(),
						Locale.ENGLISH));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", redirect ? "invalid_redirect_uri" : "invalid_client_metadata");
		body.put("error_description", description.toString());
		return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).body(body);
	}

}
