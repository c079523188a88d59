package dev.latchkey.auth.account;

import java.util.List;
import java.util.Set;

/**
 * The sample users of dev mode (DESIGN.md section 3). Dev mode creates them; the
 * pre-deployment check refuses a database that has them.
 */
public final class SampleAccounts {

	// CAUTION: a published password, for dev mode only; production refuses to start
	// with sample data on.
	public static final String SAMPLE_PASSWORD = "Orchid-Lantern-42!";

	public static final List<NewAccount> SAMPLES = List.of(
			new NewAccount("admin@example.com", "Ada Admin", SAMPLE_PASSWORD, Set.of(Role.ADMIN)),
			new NewAccount("manager@example.com", "Max Manager", SAMPLE_PASSWORD, Set.of(Role.MANAGER)),
			new NewAccount("user@example.com", "Uma User", SAMPLE_PASSWORD, Set.of(Role.USER)),
			new NewAccount("guest@example.com", "Gus Guest", SAMPLE_PASSWORD, Set.of(Role.GUEST)));

	private SampleAccounts() {
	}

}
