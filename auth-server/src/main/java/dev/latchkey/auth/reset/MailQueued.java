package dev.latchkey.auth.reset;

import java.util.UUID;

/**
 * A mail was queued in the outbox; it is sent once the queuing transaction commits.
 *
 * @param id the outbox row
 */
record MailQueued(UUID id) {
}
