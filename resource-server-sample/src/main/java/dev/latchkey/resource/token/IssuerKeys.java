package dev.latchkey.resource.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The issuer's signing keys, from the JWKS its discovery document names (or the one
 * configured as {@code latchkey.keys.jwks-uri}), and from nowhere else. A fetched key set
 * is used for {@code refreshInterval}. A token whose key id is not in the set triggers a
 * re-fetch (the issuer published a new key), but at most one fetch per
 * {@code minRefetchInterval} however many such tokens arrive, so forged key ids cannot
 * turn this API into a load generator against the issuer. When the issuer cannot be
 * reached, the keys already fetched stay in use.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

	private static final Logger logger = LoggerFactory.getLogger(IssuerKeys.class);

	private final URI issuer;

	private final RestClient http;

	private final Clock clock;

	private final Duration refreshInterval;

	private final Duration minRefetchInterval;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable Fetched fetched;

	// Guarded by lock.
	private @Nullable Instant lastAttempt;

	private @Nullable Instant lastUnknownKeyIdFetch;

	private boolean lastFailed;

	// Guarded by lock.
	private @Nullable URI jwksUri;

	private final @Nullable URI configuredJwksUri;

	IssuerKeys(URI issuer, TokenProperties.Keys settings, Clock clock) {
		this.issuer = issuer;
		this.clock = clock;
		this.refreshInterval = settings.refreshInterval();
		this.minRefetchInterval = settings.minRefetchInterval();
		this.configuredJwksUri = settings.jwksUri();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
		requests.setReadTimeout(settings.timeout());
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	@Override
	public List<JWK> get(JWKSelector selector, @Nullable SecurityContext context) throws KeySourceException {
		Instant now = this.clock.instant();
		Fetched current = this.fetched;
		if (current == null || current.isOlderThan(this.refreshInterval, now)) {
			current = refresh(current, now, false);
		}
		List<JWK> keys = selector.select(current.keys());
		if (keys.isEmpty()) {
			Fetched refreshed = refresh(current, now, true);
			if (refreshed != current) {
				keys = selector.select(refreshed.keys());
			}
		}
		return keys;
	}

	/**
	 * Whether the key set, read again when it is older than the refresh interval, still
	 * holds this key: a key withdrawn from the JWKS (revoked) stops verifying tokens that
	 * were checked before.
	 * @param kid the key id
	 * @return whether the issuer still publishes it
	 */
	boolean publishes(String kid) {
		Instant now = this.clock.instant();
		Fetched current = this.fetched;
		if (current == null || current.isOlderThan(this.refreshInterval, now)) {
			try {
				current = refresh(current, now, false);
			}
			catch (KeySourceException ex) {
				return false;
			}
		}
		return current.keys().getKeyByKeyId(kid) != null;
	}

	/**
	 * Fetches the key set again unless another request just did. At most one fetch per
	 * {@code minRefetchInterval} is made for unknown key ids (forged ones cost nothing),
	 * and after a failed attempt; the scheduled refresh does not use up that allowance,
	 * so a key that starts signing at once (a forced rotation) is fetched at its first
	 * token.
	 * @param seen the key set the caller found wanting
	 * @param unknownKeyId whether a token named a key id the set lacks
	 */
	private Fetched refresh(@Nullable Fetched seen, Instant now, boolean unknownKeyId) throws KeySourceException {
		this.lock.lock();
		try {
			Fetched current = this.fetched;
			if (current != null && current != seen) {
				return current;
			}
			Instant last = unknownKeyId ? this.lastUnknownKeyIdFetch : (this.lastFailed ? this.lastAttempt : null);
			if (last != null && now.isBefore(last.plus(this.minRefetchInterval))) {
				if (current == null) {
					throw new KeySourceException("The issuer's keys are unavailable (last attempt at " + last + ")");
				}
				return current;
			}
			this.lastAttempt = now;
			if (unknownKeyId) {
				this.lastUnknownKeyIdFetch = now;
			}
			return fetchNow(current, now);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Fetches the key set, keeping {@code current} when that fails. Called with the lock
	 * held.
	 */
	private Fetched fetchNow(@Nullable Fetched current, Instant now) throws KeySourceException {
		try {
			Fetched result = new Fetched(fetch(), now);
			this.fetched = result;
			this.lastFailed = false;
			logger.debug("Fetched {} signing keys of {}", result.keys().size(), this.issuer);
			return result;
		}
		catch (RestClientException | ParseException | IllegalStateException ex) {
			this.lastFailed = true;
			this.jwksUri = null;
			if (current == null) {
				throw new KeySourceException("Cannot fetch the signing keys of " + this.issuer + ": " + ex.getMessage(),
						ex);
			}
			logger.warn("Cannot refresh the signing keys of {}, keeping those fetched at {}: {}", this.issuer,
					current.at(), ex.getMessage());
			return current;
		}
	}

	private JWKSet fetch() throws ParseException {
		URI keys = this.jwksUri;
		if (keys == null) {
			keys = (this.configuredJwksUri != null) ? this.configuredJwksUri : discoverJwksUri();
			this.jwksUri = keys;
		}
		return JWKSet.parse(get(keys)).toPublicJWKSet();
	}

	private URI discoverJwksUri() throws ParseException {
		String base = this.issuer.toString().replaceAll("/+$", "");
		Map<String, Object> metadata = JSONObjectUtils
			.parse(get(URI.create(base + "/.well-known/openid-configuration")));
		if (!this.issuer.toString().equals(metadata.get("issuer"))) {
			throw new IllegalStateException(
					"The discovery document of " + this.issuer + " names another issuer: " + metadata.get("issuer"));
		}
		if (!(metadata.get("jwks_uri") instanceof String jwksUri)) {
			throw new IllegalStateException("The discovery document of " + this.issuer + " names no jwks_uri");
		}
		return URI.create(jwksUri);
	}

	private String get(URI uri) {
		String body = this.http.get().uri(uri).accept(MediaType.APPLICATION_JSON).retrieve().body(String.class);
		if (body == null) {
			throw new IllegalStateException("Empty response from " + uri);
		}
		return body;
	}

	private record Fetched(JWKSet keys, Instant at) {

		boolean isOlderThan(Duration age, Instant now) {
			return !now.isBefore(this.at.plus(age));
		}

	}

}
