package dev.latchkey.resource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A stand-in for Latchkey in tests: a real HTTP server publishing a discovery document
 * and a JWKS (counting how often the JWKS is fetched), and real signing keys to mint
 * access tokens with, valid or forged.
 */
public final class TestIssuer implements AutoCloseable {

	public static final String AUDIENCE = "http://localhost:8081";

	private static final class Shared {

		static final TestIssuer INSTANCE = TestIssuer.start();

	}

	private final HttpServer server;

	private final ECKey ecKey;

	private final RSAKey rsaKey;

	private final List<JWK> published = new CopyOnWriteArrayList<>();

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private TestIssuer(HttpServer server) {
		this.server = server;
		this.ecKey = newEcKey("ec-1");
		this.rsaKey = newRsaKey("rsa-1");
		this.published.add(this.ecKey);
		this.published.add(this.rsaKey);
		server.createContext("/.well-known/openid-configuration", (exchange) -> respond(exchange,
				JSONObjectUtils.toJSONString(Map.of("issuer", url(), "jwks_uri", url() + "/oauth2/jwks"))));
		server.createContext("/oauth2/jwks", (exchange) -> {
			this.jwksRequests.incrementAndGet();
			// Published with their private parts: the resource server must use only the
			// public ones.
			respond(exchange, new JWKSet(new ArrayList<>(this.published)).toString(false));
		});
		server.start();
	}

	/**
	 * The issuer every Spring test context of this module trusts.
	 */
	public static TestIssuer shared() {
		return Shared.INSTANCE;
	}

	public static TestIssuer start() {
		try {
			return new TestIssuer(HttpServer.create(new InetSocketAddress("localhost", 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	public int jwksRequests() {
		return this.jwksRequests.get();
	}

	public ECKey ecKey() {
		return this.ecKey;
	}

	public RSAKey rsaKey() {
		return this.rsaKey;
	}

	public void publish(JWK key) {
		this.published.add(key);
	}

	public static ECKey newEcKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static RSAKey newRsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A valid service token for {@code demo-service} with both document scopes, to
	 * adjust.
	 */
	public Token token(Clock clock) {
		return new Token(clock);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * An access token being built: by default exactly what Latchkey issues to
	 * {@code demo-service} for {@code documents.read documents.write}, signed ES256 with
	 * the published key.
	 */
	public final class Token {

		private JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID("ec-1");

		private final JWTClaimsSet.Builder claims;

		private JWK signingKey = TestIssuer.this.ecKey;

		private Token(Clock clock) {
			Instant now = clock.instant();
			this.claims = new JWTClaimsSet.Builder().issuer(url())
				.subject("demo-service")
				.audience(AUDIENCE)
				.issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
				.jwtID(UUID.randomUUID().toString())
				.claim("client_id", "demo-service")
				.claim("scope", "documents.read documents.write");
		}

		/**
		 * A user of {@code demo-web} with these roles and scopes.
		 */
		public Token user(String subject, List<String> roles, String scope) {
			return claim("sub", subject).claim("client_id", "demo-web").claim("roles", roles).claim("scope", scope);
		}

		public Token claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		public Token header(UnaryOperator<JWSHeader.Builder> change) {
			this.header = change.apply(this.header);
			return this;
		}

		/**
		 * Signs with {@code key} (RS256 for RSA, ES256 for EC) under its key id; call
		 * before {@link #header} changes.
		 */
		public Token signedWith(JWK key) {
			JWSAlgorithm algorithm = (key instanceof RSAKey) ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
			this.header = new JWSHeader.Builder(algorithm).type(this.header.build().getType()).keyID(key.getKeyID());
			this.signingKey = key;
			return this;
		}

		public String sign() {
			try {
				JWSSigner signer = (this.signingKey instanceof RSAKey rsa) ? new RSASSASigner(rsa)
						: new ECDSASigner((ECKey) this.signingKey);
				SignedJWT jwt = new SignedJWT(this.header.build(), this.claims.build());
				jwt.sign(signer);
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Points a test context at the shared issuer.
	 */
	public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("latchkey.issuer=" + shared().url(), "latchkey.audience=" + AUDIENCE)
				.applyTo(context);
		}

	}

}
