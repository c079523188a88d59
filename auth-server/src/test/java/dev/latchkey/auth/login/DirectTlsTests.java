package dev.latchkey.auth.login;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.latchkey.auth.LatchkeyApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS terminated by Latchkey itself through a Spring Boot SSL bundle, the option for
 * running without a TLS-terminating proxy.
 */
class DirectTlsTests {

	@TempDir
	Path directory;

	@Test
	void httpsWhenSslBundleConfiguredThenServedOverTlsWithHsts() throws Exception {
		Path keystore = this.directory.resolve("latchkey.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "latchkey", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", "test-only-store", "-keypass", "test-only-store")
			.inheritIO()
			.start();
		assertThat(keytool.waitFor()).isZero();

		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(LatchkeyApplication.class)
			.profiles("dev")
			.run("--server.port=0", "--server.ssl.bundle=latchkey",
					"--spring.ssl.bundle.jks.latchkey.keystore.location=file:" + keystore,
					"--spring.ssl.bundle.jks.latchkey.keystore.password=test-only-store",
					"--spring.ssl.bundle.jks.latchkey.keystore.type=PKCS12", "--latchkey.http.require-https=true")) {
			int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HttpResponse<String> response = trusting(keystore).send(
					HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/login")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Strict-Transport-Security"))
				.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000"));
			javax.net.ssl.SSLSession session = response.sslSession().orElseThrow();
			X509Certificate certificate = (X509Certificate) session.getPeerCertificates()[0];
			assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
		}
	}

	private static HttpClient trusting(Path keystore) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(keystore)) {
			trusted.load(in, "test-only-store".toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
		return HttpClient.newBuilder().sslContext(tls).build();
	}

}
