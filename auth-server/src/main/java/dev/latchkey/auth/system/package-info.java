/**
 * Plumbing only: the clock, dev mode (embedded database, data folder, startup report) and
 * the production safety check.
 */
@NullMarked
package dev.latchkey.auth.system;

import org.jspecify.annotations.NullMarked;
