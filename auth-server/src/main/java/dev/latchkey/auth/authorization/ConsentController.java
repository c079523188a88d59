package dev.latchkey.auth.authorization;

import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.latchkey.auth.client.ClientLogos;

/**
 * The consent page: which client asks (its name and logo), and each scope it asks for, in
 * words.
 */
@Controller
class ConsentController {

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	private final ClientLogos logos;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
			ClientLogos logos) {
		this.clients = clients;
		this.consents = consents;
		this.logos = logos;
	}

	@GetMapping(AuthorizationServerConfiguration.CONSENT_PAGE)
	String consent(Principal principal, Model model, @RequestParam(OAuth2ParameterNames.CLIENT_ID) String clientId,
			@RequestParam(name = OAuth2ParameterNames.SCOPE, defaultValue = "") String scope,
			@RequestParam(OAuth2ParameterNames.STATE) String state) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		Set<String> granted = grantedScopes(client, principal.getName());
		Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
		requested.remove(OidcScopes.OPENID);
		requested.remove("");
		List<String> toApprove = requested.stream().filter((s) -> !granted.contains(s)).toList();
		List<String> alreadyApproved = requested.stream().filter(granted::contains).toList();
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("logoUrl",
				this.logos.find(clientId).isPresent() ? ClientLogos.path(client.getClientId()) : null);
		model.addAttribute("state", state);
		model.addAttribute("scopesToApprove", toApprove);
		model.addAttribute("scopesApproved", alreadyApproved);
		return "authorization/consent";
	}

	private Set<String> grantedScopes(RegisteredClient client, String principalName) {
		@Nullable OAuth2AuthorizationConsent consent = this.consents.findById(client.getId(), principalName);
		return (consent != null) ? consent.getScopes() : Set.of();
	}

}
