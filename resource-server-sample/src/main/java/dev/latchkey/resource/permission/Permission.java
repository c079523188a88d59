package dev.latchkey.resource.permission;

import java.util.Locale;

/**
 * What a token may do with documents. Each endpoint requires exactly one of these.
 */
public enum Permission {

	READ, WRITE, EXPORT, DELETE;

	private static final String AUTHORITY_PREFIX = "PERMISSION_";

	/**
	 * The name used in settings, audit lines and responses: {@code read}, {@code write},
	 * ...
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The granted authority an authenticated token holds when it has this permission.
	 */
	public String authority() {
		return AUTHORITY_PREFIX + value();
	}

	@Override
	public String toString() {
		return value();
	}

}
