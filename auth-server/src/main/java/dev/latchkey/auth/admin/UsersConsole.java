package dev.latchkey.auth.admin;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.Role;
import dev.latchkey.auth.password.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's user pages: search, create, and one user's roles, access and reset link.
 */
@Controller
final class UsersConsole {

	static final String USERS = AdminSecurity.CONSOLE + "/users";

	private static final Set<String> NOTICES = Set.of("created", "saved", "resetLinkSent", "unlocked");

	private final UserAdministration users;

	private final AccountLocks locks;

	UsersConsole(UserAdministration users, AccountLocks locks) {
		this.users = users;
		this.locks = locks;
	}

	@GetMapping(USERS)
	String search(@RequestParam(name = "q", required = false) @Nullable String query,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model, HttpServletResponse response) {
		model.addAttribute("adminSection", "users");
		model.addAttribute("errors", new FormErrors());
		model.addAttribute("q", (query != null) ? query : "");
		try {
			model.addAttribute("found", this.users.search(query, page));
		}
		catch (AdminRequestException ex) {
			ConsoleForms.refuse(ex, model, response);
			model.addAttribute("found", new UserAdministration.UsersPage("", List.of(), 0, false));
		}
		return "admin/users";
	}

	@GetMapping(USERS + "/new")
	String newUser(Model model) {
		showNew(model, new UserAdministration.NewUser("", "", List.of(Role.USER.name()), true), new FormErrors());
		return "admin/user-new";
	}

	@PostMapping(USERS)
	String create(@RequestParam(name = "email", defaultValue = "") String email,
			@RequestParam(name = "displayName", defaultValue = "") String displayName,
			@RequestParam(name = "roles", required = false) @Nullable List<String> roles,
			@RequestParam(name = "sendResetLink", defaultValue = "false") boolean sendResetLink, Locale locale,
			Model model, HttpServletResponse response) {
		UserAdministration.NewUser user = new UserAdministration.NewUser(email, displayName, roles, sendResetLink);
		try {
			AccountSummary created = this.users.create(user, null, Operator.current(), locale);
			return "redirect:" + USERS + "/" + created.id() + "?done=created";
		}
		catch (AdminRequestException ex) {
			showNew(model, user, ConsoleForms.errors(ex));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "admin/user-new";
		}
	}

	@GetMapping(USERS + "/{id}")
	String user(@PathVariable String id, @RequestParam(name = "done", required = false) @Nullable String done,
			Model model) {
		AccountSummary account = this.users.get(UserAdministration.id(id));
		show(model, account, new FormErrors());
		model.addAttribute("notice", (done != null && NOTICES.contains(done)) ? "admin.users." + done : null);
		return "admin/user";
	}

	@PostMapping(USERS + "/{id}/roles")
	String roles(@PathVariable String id, @RequestParam(name = "roles", required = false) @Nullable List<String> roles,
			Model model, HttpServletResponse response) {
		UUID account = UserAdministration.id(id);
		return act(account, model, response, () -> this.users.changeRoles(account, roles, Operator.current()), "saved");
	}

	@PostMapping(USERS + "/{id}/enabled")
	String enabled(@PathVariable String id, @RequestParam(name = "enabled") boolean enabled, Model model,
			HttpServletResponse response) {
		UUID account = UserAdministration.id(id);
		return act(account, model, response, () -> this.users.setEnabled(account, enabled, Operator.current()),
				"saved");
	}

	@PostMapping(USERS + "/{id}/reset-link")
	String resetLink(@PathVariable String id, Locale locale, Model model, HttpServletResponse response) {
		UUID account = UserAdministration.id(id);
		return act(account, model, response, () -> {
			this.users.sendResetLink(account, Operator.current(), locale);
			return null;
		}, "resetLinkSent");
	}

	@PostMapping(USERS + "/{id}/unlock")
	String unlock(@PathVariable String id, Model model, HttpServletResponse response) {
		UUID account = UserAdministration.id(id);
		return act(account, model, response, () -> {
			this.locks.unlock(account, Operator.current());
			return null;
		}, "unlocked");
	}

	private String act(UUID account, Model model, HttpServletResponse response,
			java.util.function.Supplier<@Nullable Object> action, String notice) {
		try {
			action.get();
			return "redirect:" + USERS + "/" + account + "?done=" + notice;
		}
		catch (AdminRequestException ex) {
			show(model, this.users.get(account), ConsoleForms.errors(ex));
			model.addAttribute("notice", null);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "admin/user";
		}
	}

	private void show(Model model, AccountSummary account, FormErrors errors) {
		model.addAttribute("adminSection", "users");
		model.addAttribute("account", account);
		model.addAttribute("allRoles", Role.values());
		model.addAttribute("errors", errors);
		model.addAttribute("locked", this.locks.isLocked(account.id()));
		model.addAttribute("unlockAvailable", this.locks.available());
	}

	private static void showNew(Model model, UserAdministration.NewUser user, FormErrors errors) {
		model.addAttribute("adminSection", "users");
		model.addAttribute("user", user);
		model.addAttribute("allRoles", Role.values());
		model.addAttribute("errors", errors);
		model.addAttribute("displayNameMaxLength", Accounts.DISPLAY_NAME_MAX_LENGTH);
	}

}
