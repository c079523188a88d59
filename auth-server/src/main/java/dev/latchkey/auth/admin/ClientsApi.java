package dev.latchkey.auth.admin;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import dev.latchkey.auth.client.Actor;
import dev.latchkey.auth.client.ClientAdministration;
import dev.latchkey.auth.client.ClientDetails;
import dev.latchkey.auth.client.ClientLogos;
import dev.latchkey.auth.client.ClientMetadata;
import dev.latchkey.auth.client.ClientRegistrationRequest;
import dev.latchkey.auth.client.InvalidClientException;
import dev.latchkey.auth.client.IssuedSecret;
import dev.latchkey.auth.client.UnknownClientException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin API for clients ({@code openapi/admin/clients.json}): list, register, read,
 * change, disable, enable, rotate the secret, upload and remove the logo. A secret
 * appears once, in the answer that created it, never cached.
 */
@AdminApi
final class ClientsApi {

	static final String CLIENTS = AdminSecurity.API + "/clients";

	static final String CLIENT = CLIENTS + "/{clientId}";

	private final ClientAdministration clients;

	private final ClientLogos logos;

	ClientsApi(ClientAdministration clients, ClientLogos logos) {
		this.clients = clients;
		this.logos = logos;
	}

	@GetMapping(CLIENTS)
	Map<String, Object> list() {
		return Map.of("clients", this.clients.list().stream().map(ClientMetadata::write).toList());
	}

	@PostMapping(CLIENTS)
	ResponseEntity<Map<String, Object>> register(HttpServletRequest request) throws IOException {
		JsonNode json = ClientsApi.<JsonNode>refusals(() -> read(request));
		ClientRegistrationRequest defaults = new ClientRegistrationRequest(null, "",
				ClientRegistrationRequest.CLIENT_SECRET_BASIC, List.of("authorization_code"), List.of(), List.of(),
				List.of(), true, true, ClientRegistrationRequest.DEFAULT_ACCESS_TOKEN_LIFETIME,
				ClientRegistrationRequest.DEFAULT_REFRESH_TOKEN_LIFETIME, null, null);
		IssuedSecret issued = refusals(() -> this.clients.register(ClientMetadata.read(json, defaults), actor()));
		return ResponseEntity.created(URI.create(CLIENTS + "/" + issued.client().clientId()))
			.cacheControl(CacheControl.noStore())
			.body(withSecret(issued));
	}

	@GetMapping(CLIENT)
	Map<String, Object> find(@PathVariable String clientId) {
		return ClientMetadata.write(this.clients.find(clientId).orElseThrow(ClientsApi::notFound));
	}

	@PatchMapping(CLIENT)
	Map<String, Object> update(@PathVariable String clientId, HttpServletRequest request) throws IOException {
		ClientDetails existing = this.clients.find(clientId).orElseThrow(ClientsApi::notFound);
		JsonNode json = ClientsApi.<JsonNode>refusals(() -> read(request));
		return ClientMetadata.write(refusals(() -> this.clients.update(clientId,
				ClientMetadata.read(json, existing.toRequest()).withClientId(clientId), actor())));
	}

	@PostMapping(CLIENT + "/disable")
	Map<String, Object> disable(@PathVariable String clientId) {
		return ClientMetadata.write(refusals(() -> this.clients.disable(clientId, actor())));
	}

	@PostMapping(CLIENT + "/enable")
	Map<String, Object> enable(@PathVariable String clientId) {
		return ClientMetadata.write(refusals(() -> this.clients.enable(clientId, actor())));
	}

	@PostMapping(CLIENT + "/secret")
	ResponseEntity<Map<String, Object>> rotateSecret(@PathVariable String clientId, HttpServletRequest request)
			throws IOException {
		JsonNode json = ClientsApi.<JsonNode>refusals(() -> read(request));
		JsonNode grace = json.get("grace_period");
		if (grace != null && (!grace.isIntegralNumber() || !grace.canConvertToLong())) {
			throw AdminRequestException.of("grace_period", "client.error.json.seconds");
		}
		Duration gracePeriod = Duration.ofSeconds((grace != null) ? grace.asLong() : 0);
		IssuedSecret issued = refusals(() -> this.clients.rotateSecret(clientId, gracePeriod, actor()));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(withSecret(issued));
	}

	@PutMapping(CLIENT + "/logo")
	Map<String, Object> uploadLogo(@PathVariable String clientId, HttpServletRequest request) throws IOException {
		byte[] upload = request.getInputStream().readNBytes(300 * 1024);
		ClientLogos.Logo logo = refusals(() -> this.logos.store(clientId, upload, actor()));
		return Map.of("logo_uri", ClientLogos.path(clientId), "content_type", logo.contentType(), "sha256",
				logo.sha256());
	}

	@DeleteMapping(CLIENT + "/logo")
	ResponseEntity<Void> removeLogo(@PathVariable String clientId) {
		refusals(() -> this.logos.remove(clientId, actor()));
		return ResponseEntity.noContent().build();
	}

	private static JsonNode read(HttpServletRequest request) {
		try {
			return ClientMetadata.readObject(request.getInputStream());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> withSecret(IssuedSecret issued) {
		Map<String, Object> json = new LinkedHashMap<>(ClientMetadata.write(issued.client()));
		if (issued.secret() != null) {
			json.put("client_secret", issued.secret());
			json.put("client_secret_expires_at", 0);
		}
		return json;
	}

	/**
	 * Runs a client operation, turning its refusals into the API's: 400 with the fields
	 * at fault, 404 for an unknown client.
	 */
	static <T> T refusals(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (InvalidClientException ex) {
			throw new AdminRequestException(ex.problems()
				.stream()
				.map((p) -> new AdminRequestException.FieldProblem(p.field(), p.code(), p.arguments()))
				.toList());
		}
		catch (UnknownClientException ex) {
			throw notFound();
		}
	}

	static Actor actor() {
		Operator operator = Operator.current();
		return new Actor(operator.actor(), operator.address());
	}

	static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
