package dev.latchkey.auth.client;

import org.jspecify.annotations.Nullable;

/**
 * Who changes a client, for the audit log.
 *
 * @param name the operator (e.g. an account's email, {@code cli:alice}, a client id for
 * an API token, {@code dynamic-registration})
 * @param address the network address the request came from, {@code null} on the command
 * line
 */
public record Actor(String name, @Nullable String address) {

	/**
	 * An operator on the command line.
	 * @param name who
	 * @return the actor
	 */
	public static Actor commandLine(String name) {
		return new Actor(name, null);
	}

}
