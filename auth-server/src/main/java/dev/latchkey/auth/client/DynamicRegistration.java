package dev.latchkey.auth.client;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A dynamic registration as one change: the client and its logo are stored together, or
 * neither is.
 */
@Service
class DynamicRegistration {

	private final ClientAdministration clients;

	private final ClientLogos logos;

	DynamicRegistration(ClientAdministration clients, ClientLogos logos) {
		this.clients = clients;
		this.logos = logos;
	}

	@Transactional
	public IssuedSecret register(ClientRegistrationRequest request, byte @Nullable [] logo, Actor actor) {
		IssuedSecret issued = this.clients.register(request, actor);
		if (logo == null) {
			return issued;
		}
		try {
			this.logos.store(issued.client().clientId(), logo, actor);
		}
		catch (InvalidClientException ex) {
			throw new InvalidClientException(
					ex.problems().stream().map((p) -> new ClientProblem("logo_uri", p.code(), p.arguments())).toList());
		}
		return new IssuedSecret(this.clients.find(issued.client().clientId()).orElseThrow(), issued.secret());
	}

}
