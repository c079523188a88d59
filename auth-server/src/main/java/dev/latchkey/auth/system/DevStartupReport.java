package dev.latchkey.auth.system;

import java.io.PrintStream;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells the developer where dev mode runs and where its data lives. The sample sign-ins
 * are printed by the features that create them.
 */
@Component
@Profile(DevEnvironment.DEV_PROFILE)
@ConditionalOnWebApplication
class DevStartupReport {

	private final Environment environment;

	private final DevProperties properties;

	DevStartupReport(Environment environment, DevProperties properties) {
		this.environment = environment;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		print(System.out);
	}

	void print(PrintStream out) {
		String url = this.environment.getProperty("latchkey.issuer", "http://localhost:9000");
		out.println();
		out.println("  Latchkey is running in DEV MODE (not for production) at " + url);
		out.println("  Data folder: " + this.properties.dataDir() + " (delete it to start from scratch)");
		out.println("  Discovery:   " + url + "/.well-known/openid-configuration");
		out.println();
	}

}
