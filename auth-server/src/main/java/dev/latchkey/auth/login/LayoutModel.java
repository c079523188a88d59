package dev.latchkey.auth.login;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the shared layout needs on every page: whether this is dev mode, and the language
 * switcher's links (the current page in each language, its query kept).
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

	@ModelAttribute("languages")
	List<Language> languages(HttpServletRequest request, Locale current) {
		if (!"GET".equals(request.getMethod()) || request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null) {
			return List.of();
		}
		String query = request.getQueryString();
		String page = request.getRequestURI() + ((query != null) ? "?" + query : "");
		return LanguageConfiguration.SUPPORTED.stream()
			.map((locale) -> new Language(locale.getLanguage(), locale.getDisplayLanguage(locale),
					UriComponentsBuilder.fromUriString(page)
						.replaceQueryParam(LanguageConfiguration.PARAMETER, locale.getLanguage())
						.build(true)
						.toUriString(),
					locale.getLanguage().equals(current.getLanguage())))
			.toList();
	}

	/**
	 * A language the page can be shown in.
	 *
	 * @param code the language tag
	 * @param name its name in itself (English, Deutsch)
	 * @param url the current page in that language
	 * @param current whether the page is in this language now
	 */
	record Language(String code, String name, String url, boolean current) {
	}

}
