package dev.latchkey.resource.document;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the in-memory document store.
 *
 * @param capacity how many documents the store holds at most, so that a client cannot
 * fill the memory
 */
@ConfigurationProperties("latchkey.documents")
@Validated
record DocumentProperties(@Min(1) int capacity) {
}
