package dev.latchkey.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Latchkey: an OAuth 2.1 / OpenID Connect identity server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LatchkeyApplication {

	public static void main(String[] args) {
		SpringApplication.run(LatchkeyApplication.class, args);
	}

}
