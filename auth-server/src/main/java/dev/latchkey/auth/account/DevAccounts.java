package dev.latchkey.auth.account;

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

	private final Accounts accounts;

	DevAccounts(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void run(ApplicationArguments args) {
		SampleAccounts.SAMPLES.forEach(this.accounts::ensure);
		System.out.println("  Sample sign-ins (dev mode only), password " + SampleAccounts.SAMPLE_PASSWORD + ":");
		SampleAccounts.SAMPLES
			.forEach((sample) -> System.out.println("    " + sample.email() + "  " + sample.roles().iterator().next()));
	}

}
