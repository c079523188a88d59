package dev.latchkey.auth.admin;

import jakarta.servlet.http.HttpServletResponse;

import dev.latchkey.auth.password.FormErrors;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/**
 * Refusals on console pages: the problems as form errors (an error summary linked to the
 * fields, messages next to them) and status 400.
 */
final class ConsoleForms {

	private ConsoleForms() {
	}

	static FormErrors errors(AdminRequestException refused) {
		FormErrors errors = new FormErrors();
		refused.problems()
			.forEach((problem) -> errors.add(problem.field(), problem.code(), problem.arguments().toArray()));
		return errors;
	}

	static void refuse(AdminRequestException refused, Model model, HttpServletResponse response) {
		model.addAttribute("errors", errors(refused));
		response.setStatus(HttpStatus.BAD_REQUEST.value());
	}

}
