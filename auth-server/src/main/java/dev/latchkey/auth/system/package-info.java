/**
 * Plumbing only: the clock, dev mode (embedded database, data folder, startup report),
 * the production safety check, and the {@code admin} command line that features add
 * commands to.
 */
@NullMarked
package dev.latchkey.auth.system;

import org.jspecify.annotations.NullMarked;
