package dev.latchkey.auth.password;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Choosing a new password after signing in with a right but expired one. Reachable only
 * for a few minutes after that sign-in, in the same browser; afterwards the person signs
 * in with the new password and goes on where they were.
 */
@Controller
class ExpiredPasswordController {

	private final Accounts accounts;

	private final Passwords passwords;

	private final Clock clock;

	ExpiredPasswordController(Accounts accounts, Passwords passwords, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.clock = clock;
	}

	@GetMapping(SignInFailures.EXPIRED_PAGE)
	String form(HttpServletRequest request, Model model) {
		Optional<AccountSummary> account = account(request);
		if (account.isEmpty()) {
			return "redirect:/login";
		}
		return show(account.get(), new FormErrors(), model);
	}

	@PostMapping(SignInFailures.EXPIRED_PAGE)
	String change(@RequestParam(name = Passwords.NEW_PASSWORD, defaultValue = "") String newPassword,
			@RequestParam(name = Passwords.CONFIRMATION, defaultValue = "") String confirmation,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<AccountSummary> account = account(request);
		if (account.isEmpty()) {
			return "redirect:/login";
		}
		PasswordChange change = this.passwords.prepare(account.get().id(), newPassword, confirmation, new FormErrors());
		if (!change.accepted()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return show(account.get(), change.errors(), model);
		}
		this.passwords.apply(change);
		ExpiredPasswordChange.finish(request);
		return "redirect:" + ChangePasswordController.CHANGED_PAGE;
	}

	private Optional<AccountSummary> account(HttpServletRequest request) {
		return ExpiredPasswordChange.current(request, this.clock.instant())
			.flatMap((change) -> this.accounts.findById(change.accountId()));
	}

	private String show(AccountSummary account, FormErrors errors, Model model) {
		model.addAttribute("email", account.email());
		model.addAttribute("errors", errors);
		model.addAttribute("rules", this.passwords.rules());
		return "account/expired-password";
	}

}
