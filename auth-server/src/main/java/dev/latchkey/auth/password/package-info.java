/**
 * Password hashing: Argon2id for every new hash, BCrypt hashes still verified and
 * upgraded.
 */
@NullMarked
package dev.latchkey.auth.password;

import org.jspecify.annotations.NullMarked;
