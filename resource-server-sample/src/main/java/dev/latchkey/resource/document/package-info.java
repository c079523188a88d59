/**
 * The sample's document API, kept in memory: list, read, create, replace, delete and
 * export as CSV. Which token may call which endpoint is decided before a request gets
 * here.
 */
@NullMarked
package dev.latchkey.resource.document;

import org.jspecify.annotations.NullMarked;
