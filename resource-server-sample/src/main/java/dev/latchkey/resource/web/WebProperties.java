package dev.latchkey.resource.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on requests.
 *
 * @param maxBodySize larger request bodies are answered 413
 */
@ConfigurationProperties("latchkey")
@Validated
record WebProperties(@NotNull DataSize maxBodySize) {
}
