package dev.latchkey.auth.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The admin API's OpenAPI 3.1 document, at {@code /admin/api/openapi.json}: the base
 * ({@code openapi/admin-api.json}) with every feature's part
 * ({@code openapi/admin/*.json}, each with {@code paths} and {@code components}) merged
 * in, so parts of the API written apart do not edit one file. Written by hand rather than
 * generated: a test checks that it describes exactly the routes the controllers map.
 */
@AdminApi
final class OpenApiDocument {

	static final String BASE = "classpath:openapi/admin-api.json";

	static final String PARTS = "classpath*:openapi/admin/*.json";

	private final String document;

	OpenApiDocument() {
		this.document = load().toString();
	}

	@GetMapping(path = AdminSecurity.OPENAPI, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> document() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(this.document);
	}

	static ObjectNode load() {
		JsonMapper json = JsonMapper.builder().build();
		PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();
		try {
			ObjectNode base = (ObjectNode) read(json, resources.getResource(BASE));
			Resource[] parts = resources.getResources(PARTS);
			Arrays.sort(parts, Comparator.comparing((part) -> String.valueOf(part.getFilename())));
			for (Resource part : parts) {
				JsonNode node = read(json, part);
				merge(base.withObjectProperty("paths"), node.get("paths"), part);
				JsonNode components = node.get("components");
				if (components != null) {
					for (String section : components.propertyNames()) {
						merge(base.withObjectProperty("components").withObjectProperty(section),
								components.get(section), part);
					}
				}
			}
			return base;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the admin API's OpenAPI document", ex);
		}
	}

	private static void merge(ObjectNode target, JsonNode source, Resource part) {
		if (source == null) {
			return;
		}
		for (String name : source.propertyNames()) {
			if (target.has(name)) {
				throw new IllegalStateException(part.getFilename() + " describes " + name + " again");
			}
			target.set(name, source.get(name));
		}
	}

	private static JsonNode read(JsonMapper json, Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return json.readTree(in);
		}
	}

}
