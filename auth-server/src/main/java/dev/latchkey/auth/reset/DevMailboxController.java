package dev.latchkey.auth.reset;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Dev mode's mailbox page, {@code /dev/mail}: the latest mails with their links. It does
 * not exist outside dev mode (404).
 * <p>
 * CAUTION: it shows live reset links to anyone who can reach the server, which is why it
 * exists only in dev mode.
 */
@Controller
@Profile("dev")
class DevMailboxController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final ObjectProvider<DevMailbox> mailbox;

	private final Environment environment;

	DevMailboxController(ObjectProvider<DevMailbox> mailbox, Environment environment) {
		this.mailbox = mailbox;
		this.environment = environment;
	}

	@GetMapping("/dev/mail")
	String mails(Model model, HttpServletResponse response) {
		NoReferrer.apply(response);
		DevMailbox box = this.mailbox.getIfAvailable();
		List<DevMailbox.DevMail> mails = (box != null) ? box.mails() : List.of();
		model.addAttribute("inProcess", box != null);
		model.addAttribute("smtpHost", this.environment.getProperty("spring.mail.host", ""));
		model.addAttribute("mails", mails);
		model.addAttribute("times", mails.stream().map((mail) -> TIME.format(mail.receivedAt())).toList());
		return "reset/dev-mail";
	}

}
