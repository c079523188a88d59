package dev.latchkey.auth.admin;

import java.util.Set;
import java.util.TreeSet;

import dev.latchkey.auth.LatchkeyIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document describes exactly the admin API's routes: every route a controller
 * maps under {@code /admin/api} is in it, and everything in it is mapped.
 */
@LatchkeyIntegrationTest
class OpenApiDocumentTests {

	private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void documentWhenComparedWithControllersThenSameRoutes() {
		Set<String> mapped = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith(AdminSecurity.API + "/") || pattern.equals(AdminSecurity.API)) {
					assertThat(info.getMethodsCondition().getMethods()).as("HTTP method of %s", pattern).isNotEmpty();
					for (RequestMethod method : info.getMethodsCondition().getMethods()) {
						mapped.add(method.name() + " " + normalize(pattern));
					}
				}
			}
		});
		Set<String> described = new TreeSet<>();
		JsonNode paths = OpenApiDocument.load().get("paths");
		for (String path : paths.propertyNames()) {
			for (String method : paths.get(path).propertyNames()) {
				if (METHODS.contains(method)) {
					described.add(method.toUpperCase(java.util.Locale.ROOT) + " " + normalize(path));
					JsonNode operation = paths.get(path).get(method);
					assertThat(operation.has("responses")).as("responses of %s %s", method, path).isTrue();
					assertThat(operation.has("operationId")).as("operationId of %s %s", method, path).isTrue();
				}
			}
		}
		assertThat(described).as("described in openapi/*.json").containsExactlyElementsOf(mapped);
	}

	@Test
	void documentWhenLoadedThenEveryReferenceResolves() {
		JsonNode document = OpenApiDocument.load();
		String text = document.toString();
		java.util.regex.Matcher references = java.util.regex.Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(text);
		while (references.find()) {
			JsonNode target = document.at("/" + references.group(1));
			assertThat(target.isMissingNode()).as("$ref #/%s", references.group(1)).isFalse();
		}
	}

	/** Path variables by position, whatever their names. */
	private static String normalize(String path) {
		return path.replaceAll("\\{[^}]+}", "{}");
	}

}
