package dev.latchkey.auth.reset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Dev mode's mail server when none is configured ({@code spring.mail.host} unset): keeps
 * the latest mails in memory for {@code /dev/mail}, so a person can open the links.
 */
@Component
@Profile("dev")
@Conditional(DevMailbox.NoMailHost.class)
class DevMailbox extends JavaMailSenderImpl {

	static final int KEPT = 50;

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private final Deque<DevMail> mails = new ArrayDeque<>();

	private final Clock clock;

	DevMailbox(Clock clock) {
		this.clock = clock;
	}

	@Override
	protected void doSend(MimeMessage[] mimeMessages, Object @Nullable [] originalMessages) throws MailException {
		for (MimeMessage message : mimeMessages) {
			DevMail mail = read(message);
			synchronized (this.mails) {
				this.mails.addFirst(mail);
				while (this.mails.size() > KEPT) {
					this.mails.removeLast();
				}
			}
		}
	}

	/**
	 * The kept mails, newest first.
	 */
	List<DevMail> mails() {
		synchronized (this.mails) {
			return List.copyOf(this.mails);
		}
	}

	private DevMail read(MimeMessage message) {
		try {
			message.saveChanges();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			message.writeTo(bytes);
			MimeMessage sent = new MimeMessage(getSession(), new ByteArrayInputStream(bytes.toByteArray()));
			String text = text(sent);
			List<String> links = LINK.matcher(text).results().map(MatchResult::group).toList();
			return new DevMail(this.clock.instant(),
					InternetAddress.toString(sent.getRecipients(Message.RecipientType.TO)), sent.getSubject(), text,
					links);
		}
		catch (MessagingException | IOException ex) {
			throw new MailPreparationException("Cannot read the mail", ex);
		}
	}

	private static String text(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String text = text(multipart.getBodyPart(i));
				if (!text.isEmpty()) {
					return text;
				}
			}
		}
		return "";
	}

	/**
	 * A kept mail.
	 *
	 * @param receivedAt when it was sent
	 * @param to its recipients
	 * @param subject its subject
	 * @param text its text body
	 * @param links the links in its text
	 */
	record DevMail(Instant receivedAt, String to, String subject, String text, List<String> links) {
	}

	static final class NoMailHost implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.mail.host"));
		}

	}

}
