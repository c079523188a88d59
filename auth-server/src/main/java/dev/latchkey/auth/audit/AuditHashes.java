package dev.latchkey.auth.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The hash of an audit row: SHA-256 over a canonical encoding of the previous row's hash
 * and every column of this row. Each field is its length (4 bytes, big-endian; -1 for
 * none) and its UTF-8 bytes; the time has exactly six decimals in UTC; details are sorted
 * by name. The encoding starts with a version tag, so a later format can be told apart.
 */
final class AuditHashes {

	static final byte[] GENESIS = new byte[32];

	private static final byte[] VERSION = "latchkey-audit-v1".getBytes(StandardCharsets.US_ASCII);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private AuditHashes() {
	}

	static byte[] hash(byte[] previousHash, AuditEntry entry) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.writeBytes(VERSION);
		field(out, previousHash);
		field(out, Long.toString(entry.id()));
		field(out, time(entry.occurredAt()));
		field(out, entry.type());
		field(out, entry.actor());
		field(out, entry.address());
		field(out, entry.subject());
		Map<String, String> details = new TreeMap<>(entry.details());
		field(out, Integer.toString(details.size()));
		details.forEach((name, value) -> {
			field(out, name);
			field(out, value);
		});
		try {
			return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	static String time(Instant instant) {
		return TIME.format(instant);
	}

	private static void field(ByteArrayOutputStream out, @Nullable String value) {
		field(out, (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null);
	}

	private static void field(ByteArrayOutputStream out, byte @Nullable [] value) {
		out.writeBytes(ByteBuffer.allocate(4).putInt((value != null) ? value.length : -1).array());
		if (value != null) {
			out.writeBytes(value);
		}
	}

}
