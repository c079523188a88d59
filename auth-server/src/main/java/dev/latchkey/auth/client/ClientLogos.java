package dev.latchkey.auth.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Client logos, the one upload operators make: checked and re-encoded by
 * {@link LogoImages}, stored in the database keyed by the client (never under a name the
 * uploader chose), and served at {@link #path(String)}.
 */
@Service
public class ClientLogos {

	private final JdbcClient jdbc;

	private final CachedRegisteredClients clients;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ClientLogos(JdbcClient jdbc, CachedRegisteredClients clients, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.clients = clients;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Where a client's logo is served.
	 * @param clientId the client id
	 * @return the path
	 */
	public static String path(String clientId) {
		return "/clients/" + clientId + "/logo";
	}

	/**
	 * Replaces a client's logo.
	 * @param clientId the client
	 * @param upload the uploaded bytes, whatever they claim to be
	 * @param actor who uploads it
	 * @return the stored logo
	 * @throws UnknownClientException when there is no such client
	 * @throws InvalidClientException with a {@code logo} problem when the upload is not
	 * an acceptable image; nothing changes then
	 */
	@Transactional
	public Logo store(String clientId, byte[] upload, Actor actor) {
		String registeredId = registeredId(clientId);
		LogoImages.Processed processed = LogoImages.process(upload);
		String sha256 = sha256(processed.image());
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO client_logo (registered_client_id, content_type, image, width, height, sha256, updated_at)
				VALUES (:id, :type, :image, :width, :height, :sha256, :now)
				ON CONFLICT (registered_client_id) DO UPDATE SET content_type = excluded.content_type,
				    image = excluded.image, width = excluded.width, height = excluded.height,
				    sha256 = excluded.sha256, updated_at = excluded.updated_at""")
			.param("id", registeredId)
			.param("type", processed.contentType())
			.param("image", processed.image())
			.param("width", processed.width())
			.param("height", processed.height())
			.param("sha256", sha256)
			.param("now", Timestamp.from(now))
			.update();
		this.events.publishEvent(
				new ClientLogoChanged(clientId, processed.contentType(), sha256, actor.name(), actor.address(), now));
		return new Logo(processed.image(), processed.contentType(), sha256);
	}

	/**
	 * Removes a client's logo, if it has one.
	 * @param clientId the client
	 * @param actor who removes it
	 * @return whether there was one
	 */
	@Transactional
	public boolean remove(String clientId, Actor actor) {
		int removed = this.jdbc.sql("DELETE FROM client_logo WHERE registered_client_id = :id")
			.param("id", registeredId(clientId))
			.update();
		if (removed > 0) {
			this.events.publishEvent(
					new ClientLogoChanged(clientId, null, null, actor.name(), actor.address(), this.clock.instant()));
		}
		return removed > 0;
	}

	/**
	 * A client's logo.
	 * @param clientId the client id
	 * @return the logo, if the client has one
	 */
	@Transactional(readOnly = true)
	public Optional<Logo> find(String clientId) {
		List<Logo> logos = this.jdbc.sql("""
				SELECT l.image, l.content_type, l.sha256 FROM client_logo l
				JOIN oauth2_registered_client c ON c.id = l.registered_client_id WHERE c.client_id = :clientId""")
			.param("clientId", clientId)
			.query((rs, rowNum) -> new Logo(rs.getBytes(1), rs.getString(2), rs.getString(3)))
			.list();
		return logos.stream().findFirst();
	}

	private String registeredId(String clientId) {
		var client = this.clients.findIncludingDisabled(clientId);
		if (client == null) {
			throw new UnknownClientException(clientId);
		}
		return client.getId();
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * A stored logo.
	 *
	 * @param image the re-encoded image
	 * @param contentType {@code image/png} or {@code image/jpeg}
	 * @param sha256 the image's SHA-256 (hex), also its entity tag
	 */
	public record Logo(byte[] image, String contentType, String sha256) {

		public Logo {
			image = image.clone();
		}

		@Override
		public byte[] image() {
			return this.image.clone();
		}

		@Override
		public String toString() {
			return "Logo[" + this.contentType + ", " + this.image.length + " bytes, sha256=" + this.sha256 + "]";
		}

	}

}
