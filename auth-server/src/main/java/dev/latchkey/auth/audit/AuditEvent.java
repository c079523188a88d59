package dev.latchkey.auth.audit;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Something to record: what happened, who did it, from where, to whom, and details as
 * short text. Never a secret, password, token or link: keys that name one are refused.
 *
 * @param type what happened, dotted lower case ({@code signin.failed},
 * {@code admin.user.created})
 * @param actor who did it: {@code account:<id>}, {@code client:<client_id>},
 * {@code cli:<os user>}, {@code system} or {@code anonymous}
 * @param address the client address of the request, if there was one
 * @param subject what it was done to ({@code account:<id>}, {@code client:<client_id>},
 * {@code key:<kid>}), if anything
 * @param details more, as names and short values
 */
public record AuditEvent(String type, String actor, @Nullable String address, @Nullable String subject,
		Map<String, String> details) {

	/** Longest type, actor, address or subject, in characters. */
	public static final int MAX_FIELD_LENGTH = 200;

	/** Longest detail value, in characters; longer ones are cut with an ellipsis. */
	public static final int MAX_DETAIL_LENGTH = 500;

	private static final Pattern DETAIL_NAME = Pattern.compile("[a-z][a-zA-Z0-9_]{0,39}");

	// CAUTION: a detail must never carry a credential; a name that suggests one is a bug.
	private static final Pattern SECRET_NAME = Pattern.compile(".*(password|secret|token|link|credential|code).*",
			Pattern.CASE_INSENSITIVE);

	public AuditEvent {
		if (!isType(type)) {
			throw new IllegalArgumentException("An audit event type is dotted lower case: " + type);
		}
		actor = clean(actor);
		if (actor.isEmpty()) {
			throw new IllegalArgumentException("An audit event needs an actor");
		}
		address = (address != null) ? clean(address) : null;
		subject = (subject != null) ? clean(subject) : null;
		Map<String, String> sorted = new TreeMap<>();
		details.forEach((name, value) -> {
			if (!DETAIL_NAME.matcher(name).matches() || SECRET_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("Not an allowed audit detail name: " + name);
			}
			sorted.put(name,
					cut(value.codePoints()
						.map((c) -> Character.isISOControl(c) ? ' ' : c)
						.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
						.toString(), MAX_DETAIL_LENGTH));
		});
		details = java.util.Collections.unmodifiableMap(sorted);
	}

	/**
	 * Dotted lower case, at least two parts, each starting with a letter (checked by
	 * hand: no backtracking regular expression).
	 */
	private static boolean isType(String type) {
		if (type.isEmpty() || type.length() > MAX_FIELD_LENGTH || type.indexOf('.') < 0) {
			return false;
		}
		for (String part : type.split("\\.", -1)) {
			if (!isTypePart(part)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTypePart(String part) {
		return !part.isEmpty() && Character.isLowerCase(part.charAt(0)) && part.charAt(0) <= 'z'
				&& part.chars().allMatch(AuditEvent::isTypeCharacter);
	}

	private static boolean isTypeCharacter(int c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
	}

	/**
	 * An event without details.
	 */
	public static AuditEvent of(String type, String actor, @Nullable String address, @Nullable String subject) {
		return new AuditEvent(type, actor, address, subject, Map.of());
	}

	private static String clean(String value) {
		String oneLine = value.strip().replaceAll("\\p{Cntrl}", " ");
		return cut(oneLine, MAX_FIELD_LENGTH);
	}

	private static String cut(String value, int max) {
		return (value.length() <= max) ? value : value.substring(0, max - 1) + "…";
	}

	/**
	 * The type's first part: {@code signin}, {@code admin}, {@code key}, ...
	 * @return the category
	 */
	public String category() {
		return this.type.substring(0, this.type.indexOf('.')).toLowerCase(Locale.ROOT);
	}

}
