package dev.latchkey.auth;

import java.util.Arrays;

import dev.latchkey.auth.system.AdminCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Latchkey: an OAuth 2.1 / OpenID Connect identity server. With {@code admin} as the
 * first argument it runs one operator command instead ({@link AdminCli}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LatchkeyApplication {

	public static void main(String[] args) {
		if (args.length > 0 && AdminCli.ADMIN.equals(args[0])) {
			System.exit(AdminCli.run(LatchkeyApplication.class, Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(LatchkeyApplication.class, args);
	}

}
