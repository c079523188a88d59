package dev.latchkey.auth.account;

import java.util.List;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The sample users of dev mode (DESIGN.md section 3), the same at every start.
 */
@Component
@Profile("dev")
@ConditionalOnBooleanProperty("latchkey.dev.sample-data")
@Order(10)
class DevAccounts implements ApplicationRunner {

	// CAUTION: a published password, for dev mode only; production refuses to start
	// with sample data on.
	static final String SAMPLE_PASSWORD = "Orchid-Lantern-42!";

	static final List<NewAccount> SAMPLES = List.of(
			new NewAccount("admin@example.com", "Ada Admin", SAMPLE_PASSWORD, Set.of(Role.ADMIN)),
			new NewAccount("manager@example.com", "Max Manager", SAMPLE_PASSWORD, Set.of(Role.MANAGER)),
			new NewAccount("user@example.com", "Uma User", SAMPLE_PASSWORD, Set.of(Role.USER)),
			new NewAccount("guest@example.com", "Gus Guest", SAMPLE_PASSWORD, Set.of(Role.GUEST)));

	private final Accounts accounts;

	DevAccounts(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void run(ApplicationArguments args) {
		SAMPLES.forEach(this.accounts::ensure);
		System.out.println("  Sample sign-ins (dev mode only), password " + SAMPLE_PASSWORD + ":");
		SAMPLES
			.forEach((sample) -> System.out.println("    " + sample.email() + "  " + sample.roles().iterator().next()));
	}

}
