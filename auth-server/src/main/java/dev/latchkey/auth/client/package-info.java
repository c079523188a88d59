/**
 * Registered clients: their store, registration, and client secrets hashed with SHA-256.
 */
@NullMarked
package dev.latchkey.auth.client;

import org.jspecify.annotations.NullMarked;
