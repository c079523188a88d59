package dev.latchkey.auth.login;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the shared layout needs on every page.
 */
@ControllerAdvice
class LayoutModel {

	private final boolean devMode;

	LayoutModel(Environment environment) {
		this.devMode = environment.matchesProfiles("dev");
	}

	@ModelAttribute("devMode")
	boolean devMode() {
		return this.devMode;
	}

}
