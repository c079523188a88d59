package dev.latchkey.auth.reset;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import dev.latchkey.auth.LatchkeyApplication;
import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In production mode there is no dev mailbox: {@code /dev/mail} is a 404, and without a
 * mail server the server still starts (mails wait in the outbox) and the reset pages
 * work.
 */
@Tag("integration")
class ProductionMailTests {

	@Test
	void devMailWhenProductionThenNotFoundAndResetPagesStillServed() throws IOException {
		TestDatabase database = TestDatabase.get();
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(LatchkeyApplication.class)
			.properties("server.port=0", "spring.datasource.url=" + database.url(),
					"spring.datasource.username=" + database.username(),
					"spring.datasource.password=" + database.password(),
					"latchkey.kek-file=" + sharedKeyEncryptionKey(), "latchkey.issuer=https://id.example.test",
					// Plain HTTP to this test server, management on a free port.
					"latchkey.http.require-https=false", "management.server.port=0")
			.run()) {
			assertThat(server.getBeanNamesForType(DevMailbox.class)).isEmpty();
			assertThat(server.getBeanNamesForType(DevMailboxController.class)).isEmpty();
			TestBrowser browser = new TestBrowser(
					"http://localhost:" + server.getEnvironment().getRequiredProperty("local.server.port"));
			HttpResponse<String> devMail = browser.get("/dev/mail");
			assertThat(devMail.statusCode()).isEqualTo(404);
			assertThat(devMail.body()).contains("Page not found");
			HttpResponse<String> forgot = browser.get("/forgot-password");
			assertThat(forgot.statusCode()).isEqualTo(200);
			assertThat(forgot.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
			assertThat(browser.get("/login").body()).contains("href=\"/forgot-password\"");
		}
	}

	/**
	 * The key-encryption key of the dev-mode tests (test config's data folder), created
	 * as dev mode would if no dev test ran yet: the shared database's signing keys are
	 * encrypted under it.
	 */
	private static Path sharedKeyEncryptionKey() throws IOException {
		Path file = Path.of("target", "latchkey-test-data", "kek").toAbsolutePath();
		if (!Files.exists(file)) {
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.createDirectories(file.getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
		}
		return file;
	}

}
