package dev.latchkey.auth.reset;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders mail bodies from {@code templates/mail/}: {@code .txt} templates as plain text,
 * {@code .html} ones as HTML, with the pages' message bundles. A private engine, so the
 * pages' engine stays Spring Boot's.
 */
@Component
final class MailTemplates {

	private static final String PREFIX = "templates/mail/";

	private final TemplateEngine engine;

	MailTemplates(MessageSource messageSource) {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
		engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
		engine.setTemplateEngineMessageSource(messageSource);
		this.engine = engine;
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix(PREFIX);
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	String text(String name, Locale locale, Map<String, Object> variables) {
		return this.engine.process(name + ".txt", new Context(locale, variables));
	}

	String html(String name, Locale locale, Map<String, Object> variables) {
		return this.engine.process(name + ".html", new Context(locale, variables));
	}

}
