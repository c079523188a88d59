package dev.latchkey.resource;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The table of DESIGN.md section 3, written out by hand (not computed from the settings
 * it checks): six principals against the seven endpoints.
 */
public final class AccessMatrix {

	public static final String BOTH_SCOPES = "documents.read documents.write";

	/**
	 * A principal of the table and the permissions DESIGN.md gives it.
	 *
	 * @param name as in the table
	 * @param roles the token's roles; {@code null} for a service token (no claim)
	 * @param scope the token's scope claim
	 * @param permissions what the table says it may do
	 */
	public record Principal(String name, List<String> roles, String scope, Set<String> permissions) {

		public boolean service() {
			return this.roles == null;
		}

		/**
		 * A signed token for this principal from the test issuer.
		 */
		public String token(TestIssuer issuer, Clock clock) {
			TestIssuer.Token token = issuer.token(clock);
			if (service()) {
				token.claim("scope", this.scope);
			}
			else {
				token.user("user-" + this.name.toLowerCase(), this.roles, this.scope);
			}
			return token.sign();
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	public static final List<Principal> PRINCIPALS = List.of(
			new Principal("GUEST", List.of("GUEST"), BOTH_SCOPES, Set.of()),
			new Principal("USER", List.of("USER"), BOTH_SCOPES, Set.of("read")),
			new Principal("MANAGER", List.of("MANAGER"), BOTH_SCOPES, Set.of("read", "write", "export")),
			new Principal("ADMIN", List.of("ADMIN"), BOTH_SCOPES, Set.of("read", "write", "export", "delete")),
			new Principal("demo-service", null, BOTH_SCOPES, Set.of("read", "write", "export", "delete")),
			new Principal("demo-service (documents.read)", null, "documents.read", Set.of("read", "export")));

	/**
	 * An endpoint, the permission it requires ({@code null}: any valid token) and its
	 * status when allowed. Paths use {@code {id}} for an existing document.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param permission what it requires
	 * @param success the status when allowed
	 */
	public record Endpoint(String method, String path, String permission, int success) {

		public int expectedFor(Principal principal) {
			return (this.permission == null || principal.permissions().contains(this.permission)) ? this.success : 403;
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	public static final List<Endpoint> ENDPOINTS = List.of(new Endpoint("GET", "/api/documents", "read", 200),
			new Endpoint("GET", "/api/documents/{id}", "read", 200),
			new Endpoint("POST", "/api/documents", "write", 201),
			new Endpoint("PUT", "/api/documents/{id}", "write", 200),
			new Endpoint("DELETE", "/api/documents/{id}", "delete", 204),
			new Endpoint("GET", "/api/documents/export", "export", 200), new Endpoint("GET", "/api/me", null, 200));

	public static final String DOCUMENT_JSON = "{\"title\":\"Quarterly report\",\"content\":\"Numbers, mostly.\"}";

	private AccessMatrix() {
	}

	/**
	 * Every principal against every endpoint: 42 cases.
	 */
	public static Stream<Arguments> cases() {
		return PRINCIPALS.stream().flatMap((principal) -> ENDPOINTS.stream().map((e) -> Arguments.of(principal, e)));
	}

}
