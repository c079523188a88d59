package dev.latchkey.auth.reset;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import dev.latchkey.auth.password.FormErrors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot your password?": takes an email address and always gives the same answer, with
 * the same status and about the same time, whether or not an account has that address.
 */
@Controller
class ForgotPasswordController {

	static final String EMAIL = "email";

	/** Something@something, at most 320 characters: enough to refuse typos clearly. */
	private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");

	private static final int EMAIL_MAX_LENGTH = 320;

	private final PasswordReset reset;

	private final ResetProperties properties;

	ForgotPasswordController(PasswordReset reset, ResetProperties properties) {
		this.reset = reset;
		this.properties = properties;
	}

	@ModelAttribute
	void noReferrer(HttpServletResponse response) {
		NoReferrer.apply(response);
	}

	@GetMapping("/forgot-password")
	String form(Model model) {
		return show("", new FormErrors(), model);
	}

	@PostMapping("/forgot-password")
	String request(@RequestParam(name = EMAIL, defaultValue = "") String email, Locale locale, Model model,
			HttpServletResponse response) {
		String address = email.strip();
		FormErrors errors = new FormErrors();
		if (address.isEmpty()) {
			errors.add(EMAIL, "reset.email.required");
		}
		else if (address.length() > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.matcher(address).matches()) {
			errors.add(EMAIL, "reset.email.invalid");
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return show(address, errors, model);
		}
		this.reset.request(address, locale);
		model.addAttribute("validityMinutes", this.properties.linkValidity().toMinutes());
		return "reset/requested";
	}

	private static String show(String email, FormErrors errors, Model model) {
		model.addAttribute(EMAIL, email);
		model.addAttribute("errors", errors);
		return "reset/forgot-password";
	}

}
