package dev.latchkey.auth.password;

import java.time.Instant;
import java.util.UUID;

/**
 * An account's password was changed or reset. Published inside the transaction that
 * stores the new password, so listeners that revoke sessions and tokens commit or fail
 * with it.
 *
 * @param accountId the account
 * @param changedAt when the new password took effect
 */
public record PasswordChanged(UUID accountId, Instant changedAt) {
}
