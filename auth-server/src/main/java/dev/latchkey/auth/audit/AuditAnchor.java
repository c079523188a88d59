package dev.latchkey.auth.audit;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A chain hash kept outside the database (a log archive, a ticket, a printout): the id of
 * an audit entry and the hash it had. Because each hash covers every entry before it, a
 * matching anchor shows that nothing up to that entry was changed, even by someone who
 * could rewrite the whole table and recompute every hash.
 *
 * @param id the entry's id
 * @param hash its hash, 32 bytes
 */
public record AuditAnchor(long id, byte[] hash) {

	private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,18}):([0-9a-fA-F]{64})");

	public AuditAnchor {
		if (id < 1 || hash.length != 32) {
			throw new IllegalArgumentException("An anchor names an entry from 1 on and its 32-byte hash");
		}
		hash = hash.clone();
	}

	@Override
	public byte[] hash() {
		return this.hash.clone();
	}

	/**
	 * Reads an anchor written as {@code ID:HASH} (the form {@link #toString()} writes).
	 * @param text the anchor
	 * @return the anchor
	 * @throws IllegalArgumentException if it is not of that form
	 */
	public static AuditAnchor parse(String text) {
		var matcher = FORM.matcher(text.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"An anchor is an entry number and its 64 hex digit hash, as ID:HASH (see admin audit verify)");
		}
		return new AuditAnchor(Long.parseLong(matcher.group(1)), HexFormat.of().parseHex(matcher.group(2)));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AuditAnchor anchor && anchor.id == this.id
				&& java.security.MessageDigest.isEqual(anchor.hash, this.hash);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.id);
	}

	@Override
	public String toString() {
		return this.id + ":" + HexFormat.of().formatHex(this.hash);
	}

}
