/**
 * Forgot-password and reset by a link sent by mail, the mails about passwords, the outbox
 * that sends them after commit and retries them, and dev mode's in-process mailbox.
 */
@NullMarked
package dev.latchkey.auth.reset;

import org.jspecify.annotations.NullMarked;
