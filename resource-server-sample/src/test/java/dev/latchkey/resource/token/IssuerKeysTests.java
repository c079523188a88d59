package dev.latchkey.resource.token;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import dev.latchkey.resource.TestClock;
import dev.latchkey.resource.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IssuerKeysTests {

	private static final TokenProperties.Keys SETTINGS = new TokenProperties.Keys(Duration.ofMinutes(5),
			Duration.ofSeconds(5), Duration.ofSeconds(2), null);

	private final TestIssuer issuer = TestIssuer.start();

	private final TestClock clock = new TestClock();

	private final IssuerKeys keys = new IssuerKeys(URI.create(this.issuer.url()), SETTINGS, this.clock);

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	@Test
	void getWhenKeyKnownThenFetchedOnceUntilRefreshInterval() throws KeySourceException {
		for (int i = 0; i < 3; i++) {
			assertThat(get("ec-1")).hasSize(1);
		}
		assertThat(this.issuer.jwksRequests()).isEqualTo(1);

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(get("rsa-1")).hasSize(1);
		assertThat(this.issuer.jwksRequests()).isEqualTo(2);
	}

	@Test
	void getWhenKeyIdUnknownThenAtMostOneFetchPerMinimumInterval() throws KeySourceException {
		get("ec-1");
		// The scheduled fetch does not use up the allowance: a key that signs at once
		// (forced rotation) is fetched at its first token.
		assertThat(get("unknown-0")).isEmpty();
		assertThat(this.issuer.jwksRequests()).isEqualTo(2);
		assertThat(get("unknown-1")).isEmpty();
		assertThat(this.issuer.jwksRequests()).as("one unknown-key fetch per interval").isEqualTo(2);

		this.clock.advance(Duration.ofSeconds(5));
		assertThat(get("unknown-2")).isEmpty();
		assertThat(this.issuer.jwksRequests()).isEqualTo(3);

		assertThat(get("unknown-3")).isEmpty();
		this.clock.advance(Duration.ofMillis(4999));
		assertThat(get("unknown-4")).isEmpty();
		assertThat(this.issuer.jwksRequests()).isEqualTo(3);

		this.clock.advance(Duration.ofMillis(1));
		assertThat(get("unknown-5")).isEmpty();
		assertThat(this.issuer.jwksRequests()).isEqualTo(4);
	}

	@Test
	void getWhenIssuerPublishedNewKeyThenFoundByOneRefetch() throws KeySourceException {
		get("ec-1");
		this.clock.advance(Duration.ofSeconds(5));
		ECKey next = TestIssuer.newEcKey("ec-2");
		this.issuer.publish(next);

		assertThat(get("ec-2")).singleElement().extracting(JWK::getKeyID).isEqualTo("ec-2");
		assertThat(this.issuer.jwksRequests()).isEqualTo(2);
	}

	@Test
	void getWhenJwksCarriesPrivatePartsThenOnlyPublicKeysUsed() throws KeySourceException {
		assertThat(this.issuer.ecKey().isPrivate()).as("the test issuer publishes private parts").isTrue();
		assertThat(get("ec-1")).singleElement().satisfies((key) -> assertThat(key.isPrivate()).isFalse());
		assertThat(get("rsa-1")).singleElement().satisfies((key) -> assertThat(key.isPrivate()).isFalse());
	}

	@Test
	void getWhenIssuerGoesDownThenKeysFetchedBeforeStayInUse() throws KeySourceException {
		get("ec-1");
		this.issuer.close();
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(get("ec-1")).hasSize(1);
	}

	@Test
	void getWhenIssuerNeverReachedThenKeySourceExceptionAndRetryOnlyAfterInterval() {
		IssuerKeys unreachable = new IssuerKeys(URI.create("http://127.0.0.1:9"), SETTINGS, this.clock);
		assertThatExceptionOfType(KeySourceException.class).isThrownBy(() -> get(unreachable, "ec-1"))
			.withMessageContaining("Cannot fetch the signing keys of http://127.0.0.1:9");
		assertThatExceptionOfType(KeySourceException.class).isThrownBy(() -> get(unreachable, "ec-1"))
			.withMessageContaining("unavailable");
	}

	@Test
	void getWhenDiscoveryNamesAnotherIssuerThenRefused() {
		// The test issuer calls itself http://localhost:port; asked as 127.0.0.1 it is
		// another issuer.
		IssuerKeys mixedUp = new IssuerKeys(URI.create(this.issuer.url().replace("localhost", "127.0.0.1")), SETTINGS,
				this.clock);
		assertThatExceptionOfType(KeySourceException.class).isThrownBy(() -> get(mixedUp, "ec-1"))
			.withMessageContaining("names another issuer");
		assertThat(this.issuer.jwksRequests()).isZero();
	}

	@Test
	void getWhenJwksUriConfiguredThenFetchedThereWithoutDiscovery() throws KeySourceException {
		// The issuer's public name is unreachable; the keys come from the configured
		// address.
		TokenProperties.Keys settings = new TokenProperties.Keys(Duration.ofMinutes(5), Duration.ofSeconds(5),
				Duration.ofSeconds(2), URI.create(this.issuer.url() + "/oauth2/jwks"));
		IssuerKeys internal = new IssuerKeys(URI.create("https://issuer.invalid"), settings, this.clock);

		assertThat(get(internal, "ec-1")).hasSize(1);
		assertThat(this.issuer.jwksRequests()).isEqualTo(1);
	}

	@Test
	void keysWhenJwksUriRelativeThenRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new TokenProperties.Keys(Duration.ofMinutes(5), Duration.ofSeconds(5),
					Duration.ofSeconds(2), URI.create("/oauth2/jwks")))
			.withMessageContaining("latchkey.keys.jwks-uri");
	}

	private List<JWK> get(String keyId) throws KeySourceException {
		return get(this.keys, keyId);
	}

	private static List<JWK> get(IssuerKeys keys, String keyId) throws KeySourceException {
		return keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(keyId).build()), null);
	}

}
