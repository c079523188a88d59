/**
 * Who may do what: the roles, scopes and permissions of DESIGN.md section 3 as
 * configuration, turned into a token's effective permissions once when it is
 * authenticated, checked and audited in one place.
 */
@NullMarked
package dev.latchkey.resource.permission;

import org.jspecify.annotations.NullMarked;
