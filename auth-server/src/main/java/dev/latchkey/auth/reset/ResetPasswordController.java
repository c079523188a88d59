package dev.latchkey.auth.reset;

import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import dev.latchkey.auth.password.FormErrors;
import dev.latchkey.auth.password.Passwords;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The link from the reset mail and the new-password page behind it.
 * <p>
 * Opening the link (GET) never uses it, so mail scanners that follow links cannot burn
 * it: it only remembers the link's hash in this browser's session and moves on to
 * {@code /reset}, so the token leaves the address bar and is never part of a page. Only
 * the POST of a valid new password uses the link.
 */
@Controller
class ResetPasswordController {

	static final String FORM_PAGE = "/reset";

	private static final String LINK_ATTRIBUTE = ResetPasswordController.class.getName() + ".link";

	private static final HexFormat HEX = HexFormat.of();

	private final PasswordReset reset;

	private final Passwords passwords;

	ResetPasswordController(PasswordReset reset, Passwords passwords) {
		this.reset = reset;
		this.passwords = passwords;
	}

	@ModelAttribute
	void noReferrer(HttpServletResponse response) {
		NoReferrer.apply(response);
	}

	@GetMapping("/reset/{token}")
	String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<byte[]> hash = ResetTokens.hash(token);
		LinkStatus status = hash.map((h) -> this.reset.check(h).status()).orElse(LinkStatus.UNKNOWN);
		if (status != LinkStatus.LIVE || hash.isEmpty()) {
			return problem(status, response, model);
		}
		request.getSession().setAttribute(LINK_ATTRIBUTE, HEX.formatHex(hash.get()));
		return "redirect:" + FORM_PAGE;
	}

	@GetMapping(FORM_PAGE)
	String form(HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<byte[]> hash = openedLink(request);
		if (hash.isEmpty()) {
			return problem(LinkStatus.NOT_OPENED, response, model);
		}
		PasswordReset.LinkCheck check = this.reset.check(hash.get());
		if (check.status() != LinkStatus.LIVE) {
			return problem(check.status(), response, model);
		}
		return show(check, new FormErrors(), model);
	}

	@PostMapping(FORM_PAGE)
	String resetPassword(@RequestParam(name = Passwords.NEW_PASSWORD, defaultValue = "") String newPassword,
			@RequestParam(name = Passwords.CONFIRMATION, defaultValue = "") String confirmation,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<byte[]> hash = openedLink(request);
		if (hash.isEmpty()) {
			return problem(LinkStatus.NOT_OPENED, response, model);
		}
		PasswordReset.Outcome outcome = this.reset.reset(hash.get(), newPassword, confirmation);
		if (outcome.isDone()) {
			forgetLink(request);
			return "redirect:/password/changed";
		}
		if (outcome.errors() != null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return show(this.reset.check(hash.get()), outcome.errors(), model);
		}
		return problem(outcome.linkStatus(), response, model);
	}

	private String show(PasswordReset.LinkCheck check, FormErrors errors, Model model) {
		model.addAttribute("email", this.reset.account(check).map((account) -> account.email()).orElse(""));
		model.addAttribute("errors", errors);
		model.addAttribute("rules", this.passwords.rules());
		return "reset/new-password";
	}

	private static String problem(LinkStatus status, HttpServletResponse response, Model model) {
		response.setStatus(status.httpStatus().value());
		model.addAttribute("problem", status.name());
		return "reset/link-problem";
	}

	private static Optional<byte[]> openedLink(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(LINK_ATTRIBUTE) instanceof String hex) {
			return Optional.of(HEX.parseHex(hex));
		}
		return Optional.empty();
	}

	private static void forgetLink(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(LINK_ATTRIBUTE);
		}
	}

}
