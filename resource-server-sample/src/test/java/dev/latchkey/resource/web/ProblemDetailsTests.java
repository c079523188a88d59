package dev.latchkey.resource.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import dev.latchkey.resource.AccessMatrix;
import dev.latchkey.resource.ResourceServerTest;
import dev.latchkey.resource.TestApi;
import dev.latchkey.resource.TestClock;
import dev.latchkey.resource.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input answered as RFC 9457 problem details, with the status that says what is
 * wrong, and never a 500.
 */
@ResourceServerTest
class ProblemDetailsTests {

	private static final String PROBLEM_JSON = "application/problem+json";

	@LocalServerPort
	int port;

	@Autowired
	TestClock clock;

	private TestApi api;

	private String admin;

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port);
		this.admin = AccessMatrix.PRINCIPALS.get(3).token(TestIssuer.shared(), this.clock);
	}

	@Test
	void createWhenValidThenCreatedWithIdAndLocation() {
		HttpResponse<String> created = this.api.post("/api/documents", this.admin,
				"{\"title\":\"Minutes\",\"content\":\"Nothing decided.\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = TestApi.createdId(created);
		assertThat(created.headers().firstValue("Location"))
			.hasValue("http://localhost:" + this.port + "/api/documents/" + id);
		assertThat(TestApi.json(created)).containsEntry("title", "Minutes")
			.containsEntry("content", "Nothing decided.")
			.containsEntry("owner", "user-admin")
			.containsEntry("createdAt", this.clock.instant().toString());
		assertThat(TestApi.json(this.api.get("/api/documents/" + id, this.admin))).containsEntry("title", "Minutes");
	}

	@Test
	void createWhenFieldsInvalidThenBadRequestListingEachField() {
		HttpResponse<String> response = this.api.post("/api/documents", this.admin,
				"{\"title\":\" \",\"content\":null}");
		assertProblem(response, 400);
		assertThat(TestApi.json(response)).containsEntry("detail", "The request body has invalid fields.");
		assertThat(fields(response)).containsExactlyInAnyOrder("title", "content");

		HttpResponse<String> tooLong = this.api.post("/api/documents", this.admin,
				"{\"title\":\"" + "t".repeat(201) + "\",\"content\":\"\"}");
		assertProblem(tooLong, 400);
		assertThat(fields(tooLong)).containsExactly("title");

		HttpResponse<String> twoLines = this.api.put("/api/documents/1", this.admin,
				"{\"title\":\"line\\nbreak\",\"content\":\"\"}");
		assertProblem(twoLines, 400);
		assertThat(fields(twoLines)).containsExactly("title");
	}

	@Test
	void createWhenFieldHasWrongTypeOrIsUnknownThenBadRequestNamingIt() {
		HttpResponse<String> number = this.api.post("/api/documents", this.admin, "{\"title\":123,\"content\":\"x\"}");
		assertProblem(number, 400);
		assertThat(fields(number)).containsExactly("title");

		HttpResponse<String> unknown = this.api.post("/api/documents", this.admin,
				"{\"title\":\"t\",\"content\":\"x\",\"owner\":\"someone-else\"}");
		assertProblem(unknown, 400);
		assertThat(fields(unknown)).containsExactly("owner");
	}

	@Test
	void createWhenBodyIsNotJsonThenBadRequest() {
		for (String body : List.of("", "{", "not json", "[]", "\"text\"", "null", "{\"title\":\"t\"} trailing",
				"[".repeat(20_000) + "]".repeat(20_000))) {
			HttpResponse<String> response = this.api.post("/api/documents", this.admin, body);
			assertProblem(response, 400);
		}
		HttpResponse<String> invalidUtf8 = this.api.send(this.api.request("/api/documents", this.admin)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { '{', '"', 't', (byte) 0xC3, (byte) 0x28, '"' }))
			.build());
		assertProblem(invalidUtf8, 400);
	}

	@Test
	void createWhenNotJsonMediaTypeThenUnsupportedMediaType() {
		HttpResponse<String> response = this.api.send(this.api.request("/api/documents", this.admin)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"content\":\"x\"}"))
			.build());
		assertProblem(response, 415);
	}

	@Test
	void createWhenBodyOver64KilobytesThenContentTooLarge() {
		String big = "{\"title\":\"big\",\"content\":\"" + "x".repeat(64 * 1024) + "\"}";
		HttpResponse<String> declared = this.api.post("/api/documents", this.admin, big);
		assertProblem(declared, 413);
		assertThat(TestApi.json(declared)).containsEntry("maxBytes", 65536L);

		HttpResponse<String> chunked = this.api.send(this.api.request("/api/documents", this.admin)
			.header("Content-Type", "application/json")
			.POST(withoutLength(big))
			.build());
		assertProblem(chunked, 413);

		String justUnder = "{\"title\":\"big\",\"content\":\"" + "x".repeat(50_000) + "\"}";
		assertThat(this.api
			.send(this.api.request("/api/documents", this.admin)
				.header("Content-Type", "application/json")
				.POST(withoutLength(justUnder))
				.build())
			.statusCode()).isEqualTo(201);
	}

	@Test
	void bodyOverLimitWhenNoTokenThenUnauthorizedFirst() {
		HttpResponse<String> response = this.api.post("/api/documents", null, "x".repeat(100 * 1024));
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void documentWhenUnknownThenNotFound() {
		HttpResponse<String> get = this.api.get("/api/documents/999999999", this.admin);
		assertProblem(get, 404);
		assertThat(TestApi.json(get)).containsEntry("detail", "No document has id 999999999.")
			.containsEntry("instance", "/api/documents/999999999");
		assertProblem(this.api.put("/api/documents/999999999", this.admin, AccessMatrix.DOCUMENT_JSON), 404);
		assertProblem(this.api.delete("/api/documents/999999999", this.admin), 404);
	}

	@Test
	void documentWhenIdNotANumberThenBadRequest() {
		assertProblem(this.api.get("/api/documents/abc", this.admin), 400);
		assertProblem(this.api.get("/api/documents/99999999999999999999999", this.admin), 400);
	}

	@Test
	void pathWhenUnknownThenNotFoundAndMethodWhenUnsupportedThenNotAllowed() {
		assertProblem(this.api.get("/api/nothing-here", this.admin), 404);
		assertProblem(this.api.call("PATCH", "/api/documents/1", this.admin, HttpRequest.BodyPublishers.ofString("{}"),
				Map.of("Content-Type", "application/json")), 405);
	}

	@Test
	void deleteWhenExistingThenGoneAfterwards() {
		String id = TestApi.createdId(this.api.post("/api/documents", this.admin, AccessMatrix.DOCUMENT_JSON));
		assertThat(this.api.delete("/api/documents/" + id, this.admin).statusCode()).isEqualTo(204);
		assertProblem(this.api.get("/api/documents/" + id, this.admin), 404);
	}

	@Test
	void exportWhenDocumentsStoredThenCsvAttachment() {
		String id = TestApi.createdId(this.api.post("/api/documents", this.admin,
				"{\"title\":\"=HYPERLINK(1)\",\"content\":\"a, \\\"b\\\"\"}"));
		HttpResponse<String> export = this.api.get("/api/documents/export", this.admin);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(export.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"documents.csv\"");
		assertThat(export.body()).startsWith("id,title,owner,created_at,updated_at,content\r\n")
			.contains("\r\n" + id + ",'=HYPERLINK(1),user-admin," + this.clock.instant() + "," + this.clock.instant()
					+ ",\"a, \"\"b\"\"\"\r\n");
	}

	@Test
	void protectedResourceMetadataWhenFetchedThenNamesIssuerAudienceAndScopes() {
		HttpResponse<String> response = this.api.get("/.well-known/oauth-protected-resource", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestApi.json(response)).containsEntry("resource", TestIssuer.AUDIENCE)
			.containsEntry("authorization_servers", List.of(TestIssuer.shared().url()))
			.containsEntry("scopes_supported", List.of("documents.read", "documents.write"))
			.containsEntry("bearer_methods_supported", List.of("header"))
			.containsEntry("tls_client_certificate_bound_access_tokens", false);
	}

	@Test
	void healthWhenProbedWithoutTokenThenUp() {
		assertThat(this.api.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	@SuppressWarnings("unchecked")
	private static List<String> fields(HttpResponse<String> response) {
		List<Map<String, Object>> errors = (List<Map<String, Object>>) TestApi.json(response).get("errors");
		assertThat(errors).as(response.body()).isNotNull();
		return errors.stream().map((error) -> (String) error.get("field")).toList();
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(PROBLEM_JSON));
		assertThat(TestApi.json(response)).containsEntry("status", (long) status).containsKey("title");
	}

	/**
	 * A body sent chunked, without {@code Content-Length}, so only reading it shows its
	 * size.
	 */
	private static HttpRequest.BodyPublisher withoutLength(String body) {
		HttpRequest.BodyPublisher bytes = HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
		return new HttpRequest.BodyPublisher() {

			@Override
			public long contentLength() {
				return -1;
			}

			@Override
			public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
				bytes.subscribe(subscriber);
			}

		};
	}

}
