/**
 * The sample resource server: a small document API that enforces roles, permissions and
 * scopes from Latchkey's access tokens.
 */
@NullMarked
package dev.latchkey.resource;

import org.jspecify.annotations.NullMarked;
