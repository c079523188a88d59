package dev.latchkey.auth.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * When a user signs out (at {@code /logout} or through RP-initiated logout), queues an
 * OpenID Connect back-channel logout notice for every client that registered a
 * {@value #LOGOUT_URI_SETTING} and holds an ID token from the ending session.
 * {@link BackChannelLogoutDelivery} sends them. Runs before the session is invalidated,
 * while its id is still known.
 */
@Component
final class BackChannelLogout implements LogoutHandler {

	/**
	 * The client setting (in the registered client's settings) naming where back-channel
	 * logout notices go: an absolute URL.
	 */
	static final String LOGOUT_URI_SETTING = "settings.client.backchannel-logout-uri";

	private final JdbcClient jdbc;

	private final RegisteredClientRepository clients;

	private final AuthorizationProperties properties;

	private final Clock clock;

	BackChannelLogout(JdbcOperations jdbc, RegisteredClientRepository clients, AuthorizationProperties properties,
			Clock clock) {
		this.jdbc = JdbcClient.create(jdbc);
		this.clients = clients;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		if (authentication == null) {
			return;
		}
		HttpSession session = request.getSession(false);
		String sid = (session != null) ? sid(session.getId()) : null;
		String issuer = (this.properties.issuer() != null) ? this.properties.issuer() : issuerOf(request);
		List<Recipient> recipients = this.jdbc.sql("""
				SELECT registered_client_id, max(id_token_sid) FROM stored_authorization
				WHERE principal_name = :principal AND id_token_hash IS NOT NULL
				  AND (id_token_sid = :sid OR id_token_sid IS NULL)
				GROUP BY registered_client_id""")
			.param("principal", authentication.getName())
			.param("sid", AuthorizationRows.text(sid))
			.query((rs, rowNum) -> new Recipient(rs.getString(1), rs.getString(2)))
			.list();
		Instant now = this.clock.instant();
		for (Recipient recipient : recipients) {
			RegisteredClient client = this.clients.findById(recipient.registeredClientId());
			Object uri = (client != null) ? client.getClientSettings().getSetting(LOGOUT_URI_SETTING) : null;
			if (uri instanceof String logoutUri && !logoutUri.isBlank()) {
				this.jdbc.sql("""
						INSERT INTO backchannel_logout (id, registered_client_id, logout_uri, issuer, subject,
						    session_id, created_at, next_attempt_at)
						VALUES (:id, :client, :uri, :issuer, :subject, :sid, :now, :now)""")
					.param("id", UUID.randomUUID())
					.param("client", recipient.registeredClientId())
					.param("uri", logoutUri)
					.param("issuer", issuer)
					.param("subject", authentication.getName())
					.param("sid", AuthorizationRows.text(recipient.sid()))
					.param("now", AuthorizationRows.timestamp(now))
					.update();
			}
		}
	}

	/**
	 * The {@code sid} claim of a session, as the framework puts it in ID tokens.
	 */
	static String sid(String sessionId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	private static String issuerOf(HttpServletRequest request) {
		return UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
			.replacePath(request.getContextPath())
			.replaceQuery(null)
			.build()
			.toUriString();
	}

	private record Recipient(String registeredClientId, @Nullable String sid) {
	}

}
