package dev.latchkey.auth.client;

import java.util.List;
import java.util.Set;

/**
 * The sample clients of dev mode (DESIGN.md section 3). Dev mode creates them; the
 * pre-deployment check refuses a database that has them.
 */
public final class SampleClients {

	// CAUTION: published secrets, for dev mode only; production refuses to start with
	// sample data on.
	public static final List<ClientDefinition> SAMPLES = List.of(
			new ClientDefinition("demo-web", "Demo Web App", "demo-web-secret",
					Set.of("authorization_code", "refresh_token"), List.of("http://127.0.0.1:8080/callback"),
					List.of("http://127.0.0.1:8080/"),
					Set.of("openid", "profile", "email", "documents.read", "documents.write"), true),
			new ClientDefinition("demo-spa", "Demo Single-Page App", null,
					Set.of("authorization_code", "refresh_token"), List.of("http://127.0.0.1:8080/spa/callback"),
					List.of("http://127.0.0.1:8080/spa/"), Set.of("openid", "profile", "email", "documents.read"),
					true),
			new ClientDefinition("demo-service", "Demo Service", "demo-service-secret", Set.of("client_credentials"),
					List.of(), List.of(), Set.of("documents.read", "documents.write"), false),
			new ClientDefinition("demo-admin", "Demo Admin Automation", "demo-admin-secret",
					Set.of("client_credentials"), List.of(), List.of(), Set.of("admin.read", "admin.write"), false));

	private SampleClients() {
	}

}
