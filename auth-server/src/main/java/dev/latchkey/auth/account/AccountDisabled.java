package dev.latchkey.auth.account;

import java.util.UUID;

/**
 * An operator disabled an account. Published inside the transaction that stores it, so
 * listeners that end the account's sessions commit or fail with it.
 *
 * @param accountId the account
 */
public record AccountDisabled(UUID accountId) {
}
