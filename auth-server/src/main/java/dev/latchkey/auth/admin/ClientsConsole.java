package dev.latchkey.auth.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.latchkey.auth.client.ClientAdministration;
import dev.latchkey.auth.client.ClientDetails;
import dev.latchkey.auth.client.ClientLogos;
import dev.latchkey.auth.client.ClientMetadata;
import dev.latchkey.auth.client.ClientProblem;
import dev.latchkey.auth.client.ClientRegistrationRequest;
import dev.latchkey.auth.client.InvalidClientException;
import dev.latchkey.auth.client.IssuedSecret;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The console's client pages: the list, registering, the settings of one client (a form
 * for admins, read-only for managers), disabling, enabling, rotating the secret (shown
 * once, on a page nobody caches) and the logo.
 */
@Controller
final class ClientsConsole {

	static final String CLIENTS = AdminSecurity.CONSOLE + "/clients";

	static final List<Integer> GRACE_HOURS = List.of(0, 1, 24, 168, 720);

	private final ClientAdministration clients;

	private final ClientLogos logos;

	ClientsConsole(ClientAdministration clients, ClientLogos logos) {
		this.clients = clients;
		this.logos = logos;
	}

	@GetMapping(CLIENTS)
	String list(Model model) {
		model.addAttribute("adminSection", "clients");
		model.addAttribute("clients", this.clients.list());
		return "admin/clients";
	}

	@GetMapping(CLIENTS + "/new")
	String newClient(Model model) {
		requireWrite();
		return form(model, ClientForm.defaults(), List.of(), null);
	}

	@PostMapping(CLIENTS)
	String register(@RequestParam MultiValueMap<String, String> submitted, Model model, HttpServletResponse response) {
		ClientForm form = ClientForm.of(submitted);
		try {
			IssuedSecret issued = this.clients.register(form.toRequest(true, this.clients), ClientsApi.actor());
			return secretPage(issued, model, response);
		}
		catch (InvalidClientException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(model, form, ex.problems(), null);
		}
	}

	@GetMapping(CLIENTS + "/{clientId}")
	String client(@PathVariable String clientId, @RequestParam(required = false) @Nullable String saved, Model model) {
		ClientDetails client = this.clients.find(clientId).orElseThrow(ClientsApi::notFound);
		model.addAttribute("saved", saved != null);
		return form(model, ClientForm.of(client), List.of(), client);
	}

	@PostMapping(CLIENTS + "/{clientId}")
	String update(@PathVariable String clientId, @RequestParam MultiValueMap<String, String> submitted, Model model,
			HttpServletResponse response) {
		ClientDetails client = this.clients.find(clientId).orElseThrow(ClientsApi::notFound);
		ClientForm form = ClientForm.of(submitted);
		try {
			this.clients.update(clientId, form.toRequest(false, this.clients), ClientsApi.actor());
			return "redirect:" + CLIENTS + "/" + clientId + "?saved";
		}
		catch (InvalidClientException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(model, form, ex.problems(), client);
		}
	}

	@PostMapping(CLIENTS + "/{clientId}/disable")
	String disable(@PathVariable String clientId) {
		ClientsApi.refusals(() -> this.clients.disable(clientId, ClientsApi.actor()));
		return "redirect:" + CLIENTS + "/" + clientId;
	}

	@PostMapping(CLIENTS + "/{clientId}/enable")
	String enable(@PathVariable String clientId) {
		ClientsApi.refusals(() -> this.clients.enable(clientId, ClientsApi.actor()));
		return "redirect:" + CLIENTS + "/" + clientId;
	}

	@PostMapping(CLIENTS + "/{clientId}/secret")
	String rotateSecret(@PathVariable String clientId,
			@RequestParam(name = "grace_period", defaultValue = "0") int hours, Model model,
			HttpServletResponse response) {
		ClientDetails client = this.clients.find(clientId).orElseThrow(ClientsApi::notFound);
		try {
			IssuedSecret issued = this.clients.rotateSecret(clientId, Duration.ofHours(hours), ClientsApi.actor());
			return secretPage(issued, model, response);
		}
		catch (InvalidClientException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(model, ClientForm.of(client), ex.problems(), client);
		}
	}

	@PostMapping(CLIENTS + "/{clientId}/logo")
	String uploadLogo(@PathVariable String clientId,
			@RequestParam(name = "logo", required = false) @Nullable MultipartFile logo, Model model,
			HttpServletResponse response) throws IOException {
		ClientDetails client = this.clients.find(clientId).orElseThrow(ClientsApi::notFound);
		try {
			this.logos.store(clientId, (logo != null) ? logo.getBytes() : new byte[0], ClientsApi.actor());
			return "redirect:" + CLIENTS + "/" + clientId + "?saved";
		}
		catch (InvalidClientException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(model, ClientForm.of(client), ex.problems(), client);
		}
	}

	@PostMapping(CLIENTS + "/{clientId}/logo/remove")
	String removeLogo(@PathVariable String clientId) {
		ClientsApi.refusals(() -> this.logos.remove(clientId, ClientsApi.actor()));
		return "redirect:" + CLIENTS + "/" + clientId + "?saved";
	}

	private String secretPage(IssuedSecret issued, Model model, HttpServletResponse response) {
		// CAUTION: the only page that shows a secret: never stored by a browser or proxy.
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Pragma", "no-cache");
		model.addAttribute("adminSection", "clients");
		model.addAttribute("client", issued.client());
		model.addAttribute("secret", issued.secret());
		return "admin/client-secret";
	}

	private String form(Model model, ClientForm form, List<ClientProblem> problems, @Nullable ClientDetails client) {
		if (client == null) {
			requireWrite();
		}
		Map<String, List<ClientProblem>> byField = new LinkedHashMap<>();
		for (ClientProblem problem : problems) {
			byField.computeIfAbsent(problem.field(), (field) -> new java.util.ArrayList<>()).add(problem);
		}
		model.addAttribute("adminSection", "clients");
		model.addAttribute("form", form);
		model.addAttribute("problems", problems);
		model.addAttribute("fieldProblems", byField);
		model.addAttribute("client", client);
		model.addAttribute("logoUrl",
				(client != null && client.hasLogo()) ? ClientLogos.path(client.clientId()) : null);
		model.addAttribute("graceHours", GRACE_HOURS);
		model.addAttribute("authMethods", List.of(ClientRegistrationRequest.CLIENT_SECRET_BASIC,
				ClientRegistrationRequest.NONE, ClientRegistrationRequest.PRIVATE_KEY_JWT));
		model.addAttribute("grantTypes", List.of("authorization_code", "refresh_token", "client_credentials"));
		return (client == null) ? "admin/client-new" : "admin/client";
	}

	private static void requireWrite() {
		if (!AdminAccess.canWrite()) {
			throw new AccessDeniedException("Only administrators register clients");
		}
	}

	/**
	 * The form as submitted (or filled from a client), kept as text so a page with
	 * problems shows exactly what was entered.
	 */
	record ClientForm(String clientId, String name, String authMethod, List<String> grantTypes, String redirectUris,
			String postLogoutRedirectUris, String scope, boolean requireConsent, boolean requirePkce,
			String accessTokenLifetime, String refreshTokenLifetime, String jwksUri, String backchannelLogoutUri) {

		static ClientForm defaults() {
			return new ClientForm("", "", ClientRegistrationRequest.CLIENT_SECRET_BASIC,
					List.of("authorization_code", "refresh_token"), "", "", "openid profile", true, true,
					String.valueOf(ClientRegistrationRequest.DEFAULT_ACCESS_TOKEN_LIFETIME.toMinutes()),
					String.valueOf(ClientRegistrationRequest.DEFAULT_REFRESH_TOKEN_LIFETIME.toMinutes()), "", "");
		}

		static ClientForm of(ClientDetails client) {
			return new ClientForm(client.clientId(), client.name(), client.authenticationMethod(), client.grantTypes(),
					String.join("\n", client.redirectUris()), String.join("\n", client.postLogoutRedirectUris()),
					String.join(" ", client.scopes()), client.requireConsent(), client.requirePkce(),
					String.valueOf(client.accessTokenLifetime().toMinutes()),
					String.valueOf(client.refreshTokenLifetime().toMinutes()), nonNull(client.jwksUri()),
					nonNull(client.backchannelLogoutUri()));
		}

		static ClientForm of(MultiValueMap<String, String> form) {
			return new ClientForm(first(form, "client_id"), first(form, "client_name"),
					first(form, "token_endpoint_auth_method"), form.getOrDefault("grant_types", List.of()),
					first(form, "redirect_uris"), first(form, "post_logout_redirect_uris"), first(form, "scope"),
					form.containsKey("require_consent"), form.containsKey("require_pkce"),
					first(form, "access_token_lifetime"), first(form, "refresh_token_lifetime"),
					first(form, "jwks_uri"), first(form, "backchannel_logout_uri"));
		}

		/**
		 * The request the form stands for; a lifetime that is no number is reported
		 * together with every other problem.
		 */
		ClientRegistrationRequest toRequest(boolean registering, ClientAdministration clients) {
			List<ClientProblem> problems = new java.util.ArrayList<>();
			Duration access = minutes("access_token_lifetime", this.accessTokenLifetime,
					ClientRegistrationRequest.DEFAULT_ACCESS_TOKEN_LIFETIME, problems);
			Duration refresh = minutes("refresh_token_lifetime", this.refreshTokenLifetime,
					ClientRegistrationRequest.DEFAULT_REFRESH_TOKEN_LIFETIME, problems);
			ClientRegistrationRequest request = new ClientRegistrationRequest(
					(registering && !this.clientId.isBlank()) ? this.clientId.strip() : null, this.name,
					this.authMethod.isEmpty() ? ClientRegistrationRequest.CLIENT_SECRET_BASIC : this.authMethod,
					this.grantTypes, lines(this.redirectUris), lines(this.postLogoutRedirectUris),
					ClientMetadata.scopes(this.scope), this.requireConsent, this.requirePkce, access, refresh,
					blankToNull(this.jwksUri), blankToNull(this.backchannelLogoutUri));
			if (!problems.isEmpty()) {
				problems.addAll(clients.problems(request, registering));
				throw new InvalidClientException(problems);
			}
			return request;
		}

		private static Duration minutes(String field, String value, Duration fallback, List<ClientProblem> problems) {
			try {
				return Duration.ofMinutes(Long.parseLong(value.strip()));
			}
			catch (NumberFormatException ex) {
				problems.add(new ClientProblem(field, "client.error.lifetime.number", List.of()));
				return fallback;
			}
		}

		private static List<String> lines(String text) {
			return Arrays.stream(text.split("\\R")).map(String::strip).filter((line) -> !line.isEmpty()).toList();
		}

		private static String first(MultiValueMap<String, String> form, String name) {
			String value = form.getFirst(name);
			return (value != null) ? value : "";
		}

		private static String nonNull(@Nullable String value) {
			return (value != null) ? value : "";
		}

		private static @Nullable String blankToNull(String value) {
			return value.isBlank() ? null : value.strip();
		}

	}

}
