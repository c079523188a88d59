/**
 * The HTTP edge of the API: its one security filter chain with the route-to-permission
 * table, RFC 6750 and RFC 9457 error responses, the body size limit, and the clock.
 */
@NullMarked
package dev.latchkey.resource.web;

import org.jspecify.annotations.NullMarked;
