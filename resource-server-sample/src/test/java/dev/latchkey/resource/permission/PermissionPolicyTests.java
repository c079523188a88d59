package dev.latchkey.resource.permission;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.security.access.hierarchicalroles.CycleInRoleHierarchyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shipped settings ({@code application.properties}) give exactly the permissions of
 * the table in DESIGN.md section 3.
 */
class PermissionPolicyTests {

	private static final List<String> BOTH = List.of("documents.read", "documents.write");

	private final PermissionPolicy policy = new PermissionPolicy(shippedSettings());

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			GUEST   |
			USER    | read
			MANAGER | read write export
			ADMIN   | read write export delete
			""")
	void forUserWhenRoleWithBothScopesThenDesignTableRow(String role, String expected) {
		assertThat(this.policy.forUser(List.of(role), BOTH)).isEqualTo(permissions(expected));
	}

	@Test
	void forServiceWhenBothScopesThenEverything() {
		assertThat(this.policy.forService(BOTH)).isEqualTo(permissions("read write export delete"));
	}

	@Test
	void forServiceWhenReadScopeOnlyThenReadAndExport() {
		assertThat(this.policy.forService(List.of("documents.read"))).isEqualTo(permissions("read export"));
	}

	@ParameterizedTest(name = "{0} with {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			ADMIN   | documents.read  | read export
			ADMIN   | documents.write | write delete
			MANAGER | documents.write | write
			USER    | documents.write |
			ADMIN   |                 |
			""")
	void forUserWhenFewerScopesThenRolesLimitedByScopes(String role, String scopes, String expected) {
		List<String> granted = (scopes != null) ? List.of(scopes) : List.of();
		assertThat(this.policy.forUser(List.of(role), granted)).isEqualTo(permissions(expected));
	}

	@Test
	void forUserWhenRolesUnknownMixedOrInOtherCaseThenOnlyKnownOnesCount() {
		assertThat(this.policy.forUser(List.of("AUDITOR"), BOTH)).isEmpty();
		assertThat(this.policy.forUser(List.of(), BOTH)).isEmpty();
		assertThat(this.policy.forUser(List.of("manager"), BOTH)).isEqualTo(permissions("read write export"));
		assertThat(this.policy.forUser(List.of("GUEST", "USER", "AUDITOR"), BOTH)).isEqualTo(permissions("read"));
	}

	@Test
	void forServiceWhenScopeUnknownOrInOtherCaseThenNothing() {
		assertThat(this.policy.forService(List.of("documents.admin", "DOCUMENTS.READ", "openid"))).isEmpty();
	}

	@Test
	void scopesAllowingWhenAskedThenFromSettings() {
		assertThat(this.policy.scopesAllowing(Permission.WRITE)).containsExactly("documents.write");
		assertThat(this.policy.scopesAllowing(Permission.EXPORT)).containsExactly("documents.read");
		assertThat(this.policy.scopes()).containsExactly("documents.read", "documents.write");
	}

	@Test
	void policyWhenSettingsChangedThenFollowsThem() {
		PermissionPolicy custom = new PermissionPolicy(new PermissionProperties(List.of("OWNER > EDITOR"),
				Map.of("EDITOR", Set.of(Permission.READ), "OWNER", Set.of(Permission.DELETE)),
				Map.of("docs", Set.of(Permission.READ, Permission.DELETE))));
		assertThat(custom.forUser(List.of("OWNER"), List.of("docs"))).isEqualTo(permissions("read delete"));
		assertThat(custom.forUser(List.of("MANAGER"), List.of("docs"))).isEmpty();
	}

	@Test
	void policyWhenHierarchyHasCycleThenRefused() {
		assertThatExceptionOfType(CycleInRoleHierarchyException.class).isThrownBy(
				() -> new PermissionPolicy(new PermissionProperties(List.of("A > B", "B > A"), Map.of(), Map.of())));
	}

	private static Set<Permission> permissions(String names) {
		if (names == null) {
			return Set.of();
		}
		return Arrays.stream(names.trim().split(" +"))
			.map((name) -> Permission.valueOf(name.toUpperCase()))
			.collect(Collectors.toSet());
	}

	private static PermissionProperties shippedSettings() {
		try {
			return new Binder(
					ConfigurationPropertySources.from(new ResourcePropertySource("classpath:application.properties")))
				.bind("latchkey.permissions", PermissionProperties.class)
				.get();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
