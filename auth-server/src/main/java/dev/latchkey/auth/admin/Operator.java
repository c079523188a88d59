package dev.latchkey.auth.admin;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.audit.AuditActor;

/**
 * Who performs an admin action and from where, for the audit log.
 *
 * @param actor {@code account:<id>}, {@code client:<client_id>} or {@code cli:<user>}
 * @param address the client address of the request, none at the command line
 */
record Operator(String actor, @Nullable String address) {

	/**
	 * The operator of the current console or API request.
	 */
	static Operator current() {
		return new Operator(AuditActor.current(), AuditActor.address());
	}

	/**
	 * The operator at the command line.
	 */
	static Operator commandLine() {
		return new Operator(AuditActor.commandLine(), null);
	}

	/**
	 * Whether this operator is the given account (to keep admins from locking themselves
	 * out).
	 */
	boolean is(Object accountId) {
		return this.actor.equals(AuditActor.account(accountId));
	}

}
