package dev.latchkey.auth.authorization;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

import dev.latchkey.auth.client.SsrfGuard;
import dev.latchkey.auth.client.UnsafeUrlException;

/**
 * Sends the queued back-channel logout notices (OpenID Connect Back-Channel Logout 1.0):
 * a logout token, a JWT with header {@code typ: logout+jwt} signed RS256 like ID tokens,
 * POSTed as {@code logout_token} to the client's logout URI. A notice is deleted when the
 * client answers 2xx; otherwise it is retried with a doubling delay, and given up (with a
 * warning) after the configured number of attempts.
 * <p>
 * Each round first leases its notices in one statement (moving their next attempt to the
 * retry time, {@code SKIP LOCKED} so nodes share the work) and then calls the clients
 * outside any transaction: a node that dies mid-round leaves its notices to be retried,
 * never lost.
 * <p>
 * Notices go through the {@link SsrfGuard}: a logout URI that is (or resolves to) a
 * loopback, private or metadata address is never called, unless allow-listed.
 */
@Component
final class BackChannelLogoutDelivery {

	static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private static final Log logger = LogFactory.getLog(BackChannelLogoutDelivery.class);

	private static final int BATCH = 50;

	private static final Duration LOGOUT_TOKEN_TTL = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final RegisteredClientRepository clients;

	private final JwtEncoder jwtEncoder;

	private final Clock clock;

	private final BackChannelLogoutProperties properties;

	private final SsrfGuard guard;

	BackChannelLogoutDelivery(JdbcOperations jdbc, RegisteredClientRepository clients, JwtEncoder jwtEncoder,
			Clock clock, BackChannelLogoutProperties properties, SsrfGuard guard) {
		this.jdbc = JdbcClient.create(jdbc);
		this.clients = clients;
		this.jwtEncoder = jwtEncoder;
		this.clock = clock;
		this.properties = properties;
		this.guard = guard;
	}

	@Scheduled(fixedDelayString = "${latchkey.backchannel-logout.poll-interval:2s}")
	void deliverOnSchedule() {
		try {
			deliverDue();
		}
		catch (RuntimeException ex) {
			logger.warn("Sending back-channel logout notices failed; they will be retried", ex);
		}
	}

	/**
	 * Sends every notice that is due now.
	 * @return how many clients confirmed
	 */
	int deliverDue() {
		int confirmed = 0;
		List<Notice> notices;
		do {
			notices = lease();
			for (Notice notice : notices) {
				if (send(notice)) {
					confirmed++;
				}
			}
		}
		while (notices.size() == BATCH);
		return confirmed;
	}

	private List<Notice> lease() {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				UPDATE backchannel_logout SET attempts = attempts + 1,
				    next_attempt_at = :now + make_interval(secs => least(:first * power(2, attempts), :max))
				WHERE id IN (SELECT id FROM backchannel_logout WHERE next_attempt_at <= :now
				             ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED)
				RETURNING id, registered_client_id, logout_uri, issuer, subject, session_id, attempts""")
			.param("now", AuthorizationRows.timestamp(now))
			.param("first", this.properties.firstRetryDelay().toMillis() / 1000.0)
			.param("max", this.properties.maxRetryDelay().toMillis() / 1000.0)
			.param("batch", BATCH)
			.query((rs, rowNum) -> new Notice(rs.getObject("id", UUID.class), rs.getString("registered_client_id"),
					rs.getString("logout_uri"), rs.getString("issuer"), rs.getString("subject"),
					rs.getString("session_id"), rs.getInt("attempts")))
			.list();
	}

	private boolean send(Notice notice) {
		RegisteredClient client = this.clients.findById(notice.registeredClientId());
		if (client == null) {
			delete(notice);
			return false;
		}
		String failure;
		try {
			SsrfGuard.Response response = this.guard.postForm(notice.logoutUri(),
					"logout_token=" + URLEncoder.encode(logoutToken(notice, client), StandardCharsets.UTF_8),
					this.properties.timeout());
			if (response.isSuccessful()) {
				delete(notice);
				return true;
			}
			failure = "HTTP " + response.status();
		}
		catch (UnsafeUrlException ex) {
			failure = "refused by the SSRF guard (" + ex.reason() + " " + ex.arguments() + ")";
		}
		catch (IOException | IllegalArgumentException ex) {
			failure = ex.getClass().getSimpleName();
		}
		if (notice.attempts() >= this.properties.maxAttempts()) {
			logger.warn("Gave up a back-channel logout notice to client " + client.getClientId() + " after "
					+ notice.attempts() + " attempts (last: " + failure + ")");
			delete(notice);
		}
		else {
			this.jdbc.sql("UPDATE backchannel_logout SET last_error = :error WHERE id = :id")
				.param("error", failure)
				.param("id", notice.id())
				.update();
		}
		return false;
	}

	String logoutToken(Notice notice, RegisteredClient client) {
		Instant now = this.clock.instant();
		Map<String, Object> events = new HashMap<>();
		events.put(EVENT, new HashMap<>());
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(notice.issuer())
			.audience(List.of(client.getClientId()))
			.issuedAt(now)
			.expiresAt(now.plus(LOGOUT_TOKEN_TTL))
			.id(UUID.randomUUID().toString())
			.subject(notice.subject())
			.claim("events", events);
		if (notice.sessionId() != null) {
			claims.claim("sid", notice.sessionId());
		}
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build();
		return this.jwtEncoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

	private void delete(Notice notice) {
		this.jdbc.sql("DELETE FROM backchannel_logout WHERE id = :id").param("id", notice.id()).update();
	}

	record Notice(UUID id, String registeredClientId, String logoutUri, String issuer, String subject,
			@Nullable String sessionId, int attempts) {
	}

}
