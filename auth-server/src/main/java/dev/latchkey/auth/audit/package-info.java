/**
 * The audit log: an append-only, hash-chained record of sign-ins, account, client, token
 * and key changes and every admin action, each written in the transaction of the change
 * it records.
 * <p>
 * Features publish event records and this module listens to them; it never calls a
 * feature it listens to, and those features must not call it (that would be a cycle). The
 * console, the admin API and the command line call {@link AuditLog#record} directly.
 */
@NullMarked
package dev.latchkey.auth.audit;

import org.jspecify.annotations.NullMarked;
