package dev.latchkey.auth.admin;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.EmailAlreadyRegisteredException;
import dev.latchkey.auth.account.NewAccount;
import dev.latchkey.auth.account.Role;
import dev.latchkey.auth.admin.AdminActions.Target;
import dev.latchkey.auth.admin.AdminRequestException.FieldProblem;
import dev.latchkey.auth.audit.AuditActor;
import dev.latchkey.auth.password.FormErrors;
import dev.latchkey.auth.password.PasswordChange;
import dev.latchkey.auth.password.Passwords;
import dev.latchkey.auth.reset.PasswordReset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * What operators do with user accounts, for the console, the API and the command line
 * alike: every input checked (nothing is stored when one field is wrong), every change
 * audited in its own transaction.
 */
@Service
final class UserAdministration {

	static final int PAGE_SIZE = 25;

	static final int MAX_SEARCH_LENGTH = 200;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Accounts accounts;

	private final Passwords passwords;

	private final PasswordReset reset;

	private final AdminActions actions;

	UserAdministration(Accounts accounts, Passwords passwords, PasswordReset reset, AdminActions actions) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.reset = reset;
		this.actions = actions;
	}

	UsersPage search(@Nullable String text, int page) {
		String query = (text != null) ? text.strip() : "";
		if (query.length() > MAX_SEARCH_LENGTH) {
			throw AdminRequestException.of("q", "admin.users.search.tooLong", MAX_SEARCH_LENGTH);
		}
		if (page < 0 || page > 100_000) {
			throw AdminRequestException.of("page", "admin.page.invalid");
		}
		List<AccountSummary> found = this.accounts.search(query, (long) page * PAGE_SIZE, PAGE_SIZE + 1);
		boolean hasNext = found.size() > PAGE_SIZE;
		return new UsersPage(query, hasNext ? found.subList(0, PAGE_SIZE) : found, page, hasNext);
	}

	AccountSummary get(UUID id) {
		return this.accounts.findById(id).orElseThrow(UserAdministration::notFound);
	}

	/**
	 * Creates an account. Without a password nobody can sign in to it until a reset link
	 * (sent now, if asked) is used.
	 */
	AccountSummary create(NewUser user, @Nullable String password, Operator operator, Locale locale) {
		List<FieldProblem> problems = new ArrayList<>();
		String email = (user.email() != null) ? user.email().strip() : "";
		if (email.isEmpty()) {
			problems.add(new FieldProblem("email", "admin.users.email.required", List.of()));
		}
		else if (!Accounts.isEmailAddress(email)) {
			problems.add(new FieldProblem("email", "admin.users.email.invalid", List.of()));
		}
		String name = (user.displayName() != null) ? user.displayName() : "";
		String nameProblem = Accounts.displayNameProblem(name);
		if (nameProblem != null) {
			problems.add(new FieldProblem("displayName", nameProblem, List.of(Accounts.DISPLAY_NAME_MAX_LENGTH)));
		}
		Set<Role> roles = roles(user.roles(), problems);
		if (!problems.isEmpty()) {
			throw new AdminRequestException(problems);
		}
		boolean withPassword = password != null;
		String initial = withPassword ? password : unguessable();
		try {
			AccountSummary created = this.actions.perform(operator, "admin.user.created", () -> {
				AccountSummary account = this.accounts.register(new NewAccount(email, name.strip(), initial, roles));
				if (withPassword) {
					FormErrors errors = new FormErrors();
					PasswordChange change = this.passwords.prepare(account.id(), initial, initial, errors);
					if (!change.accepted()) {
						throw new AdminRequestException(errors.getAll()
							.stream()
							.map((problem) -> new FieldProblem("password", problem.message().code(),
									problem.message().arguments()))
							.toList());
					}
				}
				return account;
			}, (account) -> new Target(AuditActor.account(account.id()),
					Map.of("email", account.email(), "roles", names(account.roles()))));
			if (user.sendResetLink() && !withPassword) {
				sendResetLink(created.id(), operator, locale);
			}
			return created;
		}
		catch (EmailAlreadyRegisteredException | DuplicateKeyException ex) {
			throw AdminRequestException.of("email", "admin.users.email.taken");
		}
	}

	AccountSummary changeRoles(UUID id, @Nullable List<String> roleNames, Operator operator) {
		List<FieldProblem> problems = new ArrayList<>();
		Set<Role> roles = roles(roleNames, problems);
		if (!problems.isEmpty()) {
			throw new AdminRequestException(problems);
		}
		AccountSummary before = get(id);
		if (operator.is(id) && before.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
			throw AdminRequestException.of("roles", "admin.users.self");
		}
		return this.actions.perform(operator, "admin.user.roles_changed", () -> this.accounts.grantExactly(id, roles),
				(account) -> new Target(AuditActor.account(id),
						Map.of("from", names(before.roles()), "to", names(account.roles()))));
	}

	AccountSummary setEnabled(UUID id, boolean enabled, Operator operator) {
		get(id);
		if (operator.is(id) && !enabled) {
			throw AdminRequestException.of("enabled", "admin.users.self");
		}
		return this.actions.perform(operator, enabled ? "admin.user.enabled" : "admin.user.disabled",
				() -> this.accounts.setEnabled(id, enabled), (account) -> Target.of(AuditActor.account(id)));
	}

	/**
	 * Queues a reset mail for the account (an enabled one only); the link is made when
	 * the mail is written and never reaches the operator or the audit log.
	 */
	void sendResetLink(UUID id, Operator operator, Locale locale) {
		AccountSummary account = get(id);
		if (!account.enabled()) {
			throw AdminRequestException.of("enabled", "admin.users.resetLink.disabled");
		}
		this.actions.perform(operator, "admin.user.reset_link_sent", () -> {
			this.reset.request(account.email(), locale);
			return account;
		}, (sent) -> Target.of(AuditActor.account(id)));
	}

	private static Set<Role> roles(@Nullable List<String> names, List<FieldProblem> problems) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (names == null || names.isEmpty()) {
			problems.add(new FieldProblem("roles", "admin.users.roles.required", List.of()));
			return roles;
		}
		for (String name : names) {
			try {
				roles.add(Role.valueOf(String.valueOf(name).strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("roles", "admin.users.roles.invalid", List.of()));
				return roles;
			}
		}
		return roles;
	}

	static String names(Set<Role> roles) {
		return String.join(",", roles.stream().sorted().map(Role::name).toList());
	}

	private static String unguessable() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	static UUID id(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw notFound();
		}
	}

	/**
	 * A new account as an operator describes it.
	 *
	 * @param email its email address
	 * @param displayName the name shown to people
	 * @param roles role names
	 * @param sendResetLink whether to mail a reset link now, so the person can choose a
	 * password
	 */
	record NewUser(@Nullable String email, @Nullable String displayName, @Nullable List<String> roles,
			boolean sendResetLink) {
	}

	/**
	 * A page of accounts.
	 *
	 * @param query what was searched for
	 * @param users the accounts
	 * @param page the page, from 0
	 * @param hasNext whether more follow
	 */
	record UsersPage(String query, List<AccountSummary> users, int page, boolean hasNext) {
	}

}
