package dev.latchkey.auth.client;

import java.util.List;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The sample clients of dev mode (DESIGN.md section 3), the same at every start.
 */
@Component
@Profile("dev")
@ConditionalOnBooleanProperty("latchkey.dev.sample-data")
@Order(20)
class DevClients implements ApplicationRunner {

	// CAUTION: published secrets, for dev mode only; production refuses to start with
	// sample data on.
	static final List<ClientDefinition> SAMPLES = List.of(
			new ClientDefinition("demo-web", "Demo Web App", "demo-web-secret",
					Set.of("authorization_code", "refresh_token"), List.of("http://127.0.0.1:8080/callback"),
					List.of("http://127.0.0.1:8080/"),
					Set.of("openid", "profile", "email", "documents.read", "documents.write"), true),
			new ClientDefinition("demo-spa", "Demo Single-Page App", null,
					Set.of("authorization_code", "refresh_token"), List.of("http://127.0.0.1:8080/spa/callback"),
					List.of("http://127.0.0.1:8080/spa/"), Set.of("openid", "profile", "email", "documents.read"),
					true),
			new ClientDefinition("demo-service", "Demo Service", "demo-service-secret", Set.of("client_credentials"),
					List.of(), List.of(), Set.of("documents.read", "documents.write"), false));

	private final ClientRegistrations registrations;

	DevClients(ClientRegistrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public void run(ApplicationArguments args) {
		SAMPLES.forEach(this.registrations::ensure);
		System.out.println("  Sample clients (dev mode only): demo-web / demo-web-secret, demo-spa (public, PKCE), "
				+ "demo-service / demo-service-secret");
	}

}
