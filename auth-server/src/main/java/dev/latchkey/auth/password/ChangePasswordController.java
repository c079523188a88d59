package dev.latchkey.auth.password;

import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.UnknownAccountException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Changing the password of the signed-in account: the current password, the new one and
 * its confirmation. On success every session of the account ends, this one included, and
 * the person signs in again with the new password.
 */
@Controller
class ChangePasswordController {

	static final String CURRENT_PASSWORD = "currentPassword";

	static final String CHANGED_PAGE = "/password/changed";

	private final Accounts accounts;

	private final Passwords passwords;

	ChangePasswordController(Accounts accounts, Passwords passwords) {
		this.accounts = accounts;
		this.passwords = passwords;
	}

	@GetMapping("/account/password")
	String form(Principal principal, Model model) {
		return show(account(principal), new FormErrors(), model);
	}

	@PostMapping("/account/password")
	String change(Principal principal, @RequestParam(name = CURRENT_PASSWORD, defaultValue = "") String current,
			@RequestParam(name = Passwords.NEW_PASSWORD, defaultValue = "") String newPassword,
			@RequestParam(name = Passwords.CONFIRMATION, defaultValue = "") String confirmation, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		AccountSummary account = account(principal);
		FormErrors errors = new FormErrors();
		if (current.isEmpty()) {
			errors.add(CURRENT_PASSWORD, "password.current.required");
		}
		else if (!this.passwords.verifyCurrent(account.id(), current)) {
			errors.add(CURRENT_PASSWORD, "password.current.wrong");
		}
		PasswordChange change = this.passwords.prepare(account.id(), newPassword, confirmation, errors);
		if (!change.accepted()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return show(account, change.errors(), model);
		}
		this.passwords.apply(change);
		// Every session of the account was deleted with the change; forget this one too
		// so
		// nothing is saved back into it.
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return "redirect:" + CHANGED_PAGE;
	}

	@GetMapping(CHANGED_PAGE)
	String changed() {
		return "account/password-changed";
	}

	private String show(AccountSummary account, FormErrors errors, Model model) {
		model.addAttribute("email", account.email());
		model.addAttribute("errors", errors);
		model.addAttribute("rules", this.passwords.rules());
		return "account/password";
	}

	private AccountSummary account(Principal principal) {
		// The principal's name is the account id.
		return this.accounts.findById(UUID.fromString(principal.getName())).orElseThrow(UnknownAccountException::new);
	}

}
