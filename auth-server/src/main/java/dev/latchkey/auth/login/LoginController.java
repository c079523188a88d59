package dev.latchkey.auth.login;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in and sign-out pages and the signed-in landing page.
 */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(@RequestParam(name = "error", required = false) @Nullable String error,
			@RequestParam(name = "logout", required = false) @Nullable String logout, Model model) {
		model.addAttribute("failed", error != null);
		model.addAttribute("signedOut", logout != null);
		return "login/login";
	}

	@GetMapping("/logout")
	String logout() {
		return "login/logout";
	}

	@GetMapping("/")
	String home(Principal principal) {
		return "login/home";
	}

}
