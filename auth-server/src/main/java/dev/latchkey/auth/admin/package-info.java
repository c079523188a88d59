/**
 * Operators: the console ({@code /admin}) and admin API ({@code /admin/api}) with their
 * security and OpenAPI document, the admin command line, export and import, backup and
 * restore, migrations and the pre-deployment check.
 */
@NullMarked
package dev.latchkey.auth.admin;

import org.jspecify.annotations.NullMarked;
