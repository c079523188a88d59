package dev.latchkey.auth.admin;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin API for user accounts ({@code openapi/admin/users.json}).
 */
@AdminApi
final class UsersApi {

	static final String USERS = AdminSecurity.API + "/users";

	private final UserAdministration users;

	UsersApi(UserAdministration users) {
		this.users = users;
	}

	@GetMapping(USERS)
	UsersJson search(@RequestParam(name = "q", required = false) @Nullable String query,
			@RequestParam(name = "page", defaultValue = "0") int page) {
		UserAdministration.UsersPage found = this.users.search(query, page);
		return new UsersJson(found.users().stream().map(UserJson::of).toList(), found.page(),
				UserAdministration.PAGE_SIZE, found.hasNext());
	}

	@GetMapping(USERS + "/{id}")
	UserJson get(@PathVariable String id) {
		return UserJson.of(this.users.get(UserAdministration.id(id)));
	}

	@PostMapping(USERS)
	ResponseEntity<UserJson> create(@RequestBody NewUserJson body, Locale locale) {
		AccountSummary created = this.users.create(new UserAdministration.NewUser(body.email(), body.displayName(),
				body.roles(), !Boolean.FALSE.equals(body.sendResetLink())), null, Operator.current(), locale);
		return ResponseEntity.created(URI.create(USERS + "/" + created.id())).body(UserJson.of(created));
	}

	@PutMapping(USERS + "/{id}/roles")
	UserJson roles(@PathVariable String id, @RequestBody RolesJson body) {
		return UserJson.of(this.users.changeRoles(UserAdministration.id(id), body.roles(), Operator.current()));
	}

	@PostMapping(USERS + "/{id}/disable")
	UserJson disable(@PathVariable String id) {
		return UserJson.of(this.users.setEnabled(UserAdministration.id(id), false, Operator.current()));
	}

	@PostMapping(USERS + "/{id}/enable")
	UserJson enable(@PathVariable String id) {
		return UserJson.of(this.users.setEnabled(UserAdministration.id(id), true, Operator.current()));
	}

	@PostMapping(USERS + "/{id}/reset-link")
	ResponseEntity<Void> resetLink(@PathVariable String id, Locale locale) {
		this.users.sendResetLink(UserAdministration.id(id), Operator.current(), locale);
		return ResponseEntity.accepted().build();
	}

	record UsersJson(List<UserJson> users, int page, int size, boolean hasNext) {
	}

	record UserJson(UUID id, String email, String displayName, List<String> roles, boolean enabled,
			boolean emailVerified, Instant createdAt, Instant passwordChangedAt) {

		static UserJson of(AccountSummary account) {
			return new UserJson(account.id(), account.email(), account.displayName(), names(account.roles()),
					account.enabled(), account.emailVerified(), account.createdAt(), account.passwordChangedAt());
		}

		private static List<String> names(Set<Role> roles) {
			return roles.stream().sorted().map(Role::name).toList();
		}

	}

	record NewUserJson(@Nullable String email, @Nullable String displayName, @Nullable List<String> roles,
			@Nullable Boolean sendResetLink) {
	}

	record RolesJson(@Nullable List<String> roles) {
	}

}
