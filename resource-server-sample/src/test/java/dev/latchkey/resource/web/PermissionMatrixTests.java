package dev.latchkey.resource.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.latchkey.resource.AccessMatrix;
import dev.latchkey.resource.AccessMatrix.Endpoint;
import dev.latchkey.resource.AccessMatrix.Principal;
import dev.latchkey.resource.ResourceServerTest;
import dev.latchkey.resource.TestApi;
import dev.latchkey.resource.TestClock;
import dev.latchkey.resource.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of DESIGN.md section 3 against the running API, with real tokens signed by
 * the test issuer's keys: every principal, every endpoint.
 */
@ResourceServerTest
class PermissionMatrixTests {

	@LocalServerPort
	int port;

	@Autowired
	TestClock clock;

	private final TestIssuer issuer = TestIssuer.shared();

	private TestApi api;

	@BeforeEach
	void setUp() {
		this.api = new TestApi(this.port);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("dev.latchkey.resource.AccessMatrix#cases")
	void endpointWhenCalledWithRealTokenThenAnswersAsDesignTableSays(Principal principal, Endpoint endpoint) {
		String id = TestApi.createdId(this.api.post("/api/documents", admin(), AccessMatrix.DOCUMENT_JSON));
		boolean hasBody = endpoint.method().equals("POST") || endpoint.method().equals("PUT");
		HttpResponse<String> response = this.api.call(endpoint.method(), endpoint.path().replace("{id}", id),
				principal.token(this.issuer, this.clock),
				hasBody ? HttpRequest.BodyPublishers.ofString(AccessMatrix.DOCUMENT_JSON)
						: HttpRequest.BodyPublishers.noBody(),
				hasBody ? Map.of("Content-Type", "application/json") : Map.of());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(endpoint.expectedFor(principal));
		if (response.statusCode() == 403) {
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\""));
			assertThat(TestApi.json(response)).containsEntry("status", 403L)
				.containsEntry("permission", endpoint.permission());
		}
	}

	@Test
	void headWhenNoReadPermissionThenForbiddenLikeGet() {
		String id = TestApi.createdId(this.api.post("/api/documents", admin(), AccessMatrix.DOCUMENT_JSON));
		String guest = AccessMatrix.PRINCIPALS.get(0).token(this.issuer, this.clock);
		String user = AccessMatrix.PRINCIPALS.get(1).token(this.issuer, this.clock);

		assertThat(head("/api/documents/" + id, guest).statusCode()).isEqualTo(403);
		assertThat(head("/api/documents/export", user).statusCode()).isEqualTo(403);
		assertThat(head("/api/documents/" + id, user).statusCode()).isEqualTo(200);
	}

	@Test
	void forbiddenWhenPermissionMissingThenChallengeNamesTheScopesThatAllowIt() {
		String readOnly = AccessMatrix.PRINCIPALS.get(5).token(this.issuer, this.clock);
		HttpResponse<String> write = this.api.post("/api/documents", readOnly, AccessMatrix.DOCUMENT_JSON);
		assertThat(write.statusCode()).isEqualTo(403);
		assertThat(write.headers().firstValue("WWW-Authenticate")).hasValue(
				"Bearer error=\"insufficient_scope\", error_description=\"The access token does not grant the permission "
						+ "this request requires\", scope=\"documents.write\", resource_metadata=\"http://localhost:"
						+ this.port + "/.well-known/oauth-protected-resource\"");
		assertThat(write.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		assertThat(TestApi.json(write)).containsEntry("title", "Forbidden")
			.containsEntry("detail", "The access token does not grant the 'write' permission this request requires.")
			.containsEntry("instance", "/api/documents");

		String guest = AccessMatrix.PRINCIPALS.get(0).token(this.issuer, this.clock);
		assertThat(this.api.get("/api/documents/export", guest).headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("scope=\"documents.read\""));
	}

	@Test
	void meWhenUserTokenThenShowsRolesScopesAndEffectivePermissions() {
		String manager = this.issuer.token(this.clock)
			.user("account-7", List.of("MANAGER"), "documents.read documents.write")
			.sign();
		Map<String, Object> me = TestApi.json(this.api.get("/api/me", manager));
		assertThat(me).containsEntry("subject", "account-7")
			.containsEntry("client", "demo-web")
			.containsEntry("kind", "user")
			.containsEntry("roles", List.of("MANAGER"))
			.containsEntry("scopes", List.of("documents.read", "documents.write"))
			.containsEntry("permissions", List.of("read", "write", "export"));
	}

	@Test
	void meWhenServiceTokenWithReadScopeThenServiceWithReadAndExport() {
		String service = this.issuer.token(this.clock).claim("scope", "documents.read").sign();
		Map<String, Object> me = TestApi.json(this.api.get("/api/me", service));
		assertThat(me).containsEntry("subject", "demo-service")
			.containsEntry("kind", "service")
			.containsEntry("roles", List.of())
			.containsEntry("permissions", List.of("read", "export"));
	}

	@Test
	void permissionsWhenUserTokenLacksRolesClaimThenNoneEvenWithBothScopes() {
		// A user token (subject is not the client) without roles must not be read as a
		// service token.
		String noRoles = this.issuer.token(this.clock).claim("sub", "account-8").claim("client_id", "demo-web").sign();
		assertThat(TestApi.json(this.api.get("/api/me", noRoles))).containsEntry("kind", "user")
			.containsEntry("permissions", List.of());
		assertThat(this.api.get("/api/documents", noRoles).statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> head(String path, String token) {
		return this.api.send(this.api.request(path, token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
	}

	private String admin() {
		return AccessMatrix.PRINCIPALS.get(3).token(this.issuer, this.clock);
	}

}
