package dev.latchkey.auth.client;

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

	private final ClientRegistrations registrations;

	DevClients(ClientRegistrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public void run(ApplicationArguments args) {
		SampleClients.SAMPLES.forEach(this.registrations::ensure);
		System.out.println("  Sample clients (dev mode only): demo-web / demo-web-secret, demo-spa (public, PKCE), "
				+ "demo-service / demo-service-secret, demo-admin / demo-admin-secret (admin API)");
	}

}
