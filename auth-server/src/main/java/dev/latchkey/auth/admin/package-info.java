/**
 * Operators: backup and restore, migrations, the pre-deployment check, and the admin
 * console and API.
 */
@NullMarked
package dev.latchkey.auth.admin;

import org.jspecify.annotations.NullMarked;
