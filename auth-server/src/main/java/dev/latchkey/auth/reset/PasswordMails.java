package dev.latchkey.auth.reset;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.account.AccountSummary;

import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Writes the mails about passwords and sign-in, each with a text and an HTML body. A
 * reset mail gets a fresh link when it is written (so no token is ever stored in clear),
 * which supersedes any older link of the account.
 * <p>
 * Links start with {@code latchkey.reset.link-base-url} or else the issuer, never with
 * anything taken from a request.
 */
@Component
final class PasswordMails {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final MailTemplates templates;

	private final MessageSource messages;

	private final ResetLinks links;

	private final ResetProperties properties;

	private final MailSettings settings;

	private final Clock clock;

	private final @Nullable String linkBase;

	PasswordMails(MailTemplates templates, MessageSource messages, ResetLinks links, ResetProperties properties,
			MailSettings settings, Environment environment, Clock clock) {
		this.templates = templates;
		this.messages = messages;
		this.links = links;
		this.properties = properties;
		this.settings = settings;
		this.clock = clock;
		this.linkBase = linkBase(properties, environment.getProperty("latchkey.issuer"));
	}

	static @Nullable String linkBase(ResetProperties properties, @Nullable String issuer) {
		String base = (properties.linkBaseUrl() != null) ? properties.linkBaseUrl() : issuer;
		if (base == null || base.isBlank()) {
			return null;
		}
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	@Nullable String linkBase() {
		return this.linkBase;
	}

	/**
	 * Writes a mail; for a reset mail, issues its link.
	 */
	MimeMessage write(OutboundMail mail, AccountSummary account, JavaMailSender sender) throws MessagingException {
		Map<String, Object> variables = new HashMap<>();
		variables.put("name", account.displayName());
		variables.put("email", account.email());
		variables.put("lang", mail.locale().getLanguage());
		if (this.linkBase != null) {
			variables.put("forgotLink", this.linkBase + "/forgot-password");
		}
		Instant now = this.clock.instant();
		if (mail.kind() == MailKind.PASSWORD_RESET) {
			if (this.linkBase == null) {
				throw new IllegalStateException("Reset links need the server's public URL: "
						+ "set latchkey.issuer or latchkey.reset.link-base-url");
			}
			String token = ResetTokens.newToken();
			this.links.issue(account.id(), ResetTokens.hash(token).orElseThrow(), now,
					now.plus(this.properties.linkValidity()));
			variables.put("link", this.linkBase + "/reset/" + token);
			variables.put("validityMinutes", this.properties.linkValidity().toMinutes());
		}
		else if (mail.kind() == MailKind.ACCOUNT_LOCKED) {
			variables.put("lockedUntil", (mail.lastsUntil() != null) ? TIME.format(mail.lastsUntil()) : null);
		}
		else {
			variables.put("changedAt", TIME.format(account.passwordChangedAt()));
		}
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(this.settings.from());
		helper.setTo(account.email());
		helper.setSubject(this.messages.getMessage(mail.kind().subjectCode(), null, mail.locale()));
		helper.setText(this.templates.text(mail.kind().template(), mail.locale(), variables),
				this.templates.html(mail.kind().template(), mail.locale(), variables));
		return message;
	}

}
