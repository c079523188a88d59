package dev.latchkey.auth.account;

import java.security.Principal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in user's account page: their profile, a form to change the name shown to
 * people, and the way to the change-password page.
 */
@Controller
class AccountController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final Accounts accounts;

	AccountController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/account")
	String account(Principal principal, Model model,
			@RequestParam(name = "saved", required = false) @Nullable String saved) {
		AccountSummary account = current(principal);
		show(account, account.displayName(), null, model);
		model.addAttribute("saved", saved != null);
		return "account/account";
	}

	@PostMapping("/account/profile")
	String rename(Principal principal, @RequestParam(name = "displayName", defaultValue = "") String displayName,
			Model model, HttpServletResponse response) {
		AccountSummary account = current(principal);
		String problem = Accounts.displayNameProblem(displayName);
		if (problem != null) {
			show(account, displayName, problem, model);
			model.addAttribute("saved", false);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "account/account";
		}
		this.accounts.rename(account.id(), displayName);
		return "redirect:/account?saved";
	}

	private static void show(AccountSummary account, String displayName, @Nullable String problem, Model model) {
		model.addAttribute("account", account);
		model.addAttribute("createdAt", TIME.format(account.createdAt()));
		model.addAttribute("passwordChangedAt", TIME.format(account.passwordChangedAt()));
		model.addAttribute("displayName", displayName);
		model.addAttribute("displayNameMaxLength", Accounts.DISPLAY_NAME_MAX_LENGTH);
		if (problem != null) {
			model.addAttribute("displayNameError", problem);
		}
	}

	private AccountSummary current(Principal principal) {
		// The principal's name is the account id (see AccountUserDetailsService).
		return this.accounts.findById(UUID.fromString(principal.getName())).orElseThrow(UnknownAccountException::new);
	}

}
