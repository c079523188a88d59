package dev.latchkey.auth.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client's logo was uploaded (or fetched at dynamic registration) or removed. For the
 * audit log.
 *
 * @param clientId the client id
 * @param contentType the stored image's type, {@code null} when the logo was removed
 * @param sha256 the stored image's SHA-256 (hex), {@code null} when removed
 * @param actor who changed it
 * @param address from which address, {@code null} on the command line
 * @param at when
 */
public record ClientLogoChanged(String clientId, @Nullable String contentType, @Nullable String sha256, String actor,
		@Nullable String address, Instant at) {

}
