package dev.latchkey.auth.reset;

import java.time.Duration;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Latchkey sends mail. The SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender address of every mail
 * @param retryInterval how often waiting mails are looked at, and the first delay after a
 * failed attempt (it doubles with each further failure, up to an hour)
 * @param giveUpAfter how long a mail that cannot be sent is retried
 */
@ConfigurationProperties("latchkey.mail")
record MailSettings(@DefaultValue("Latchkey <no-reply@localhost>") String from,
		@DefaultValue("30s") Duration retryInterval, @DefaultValue("24h") Duration giveUpAfter) {

	MailSettings {
		try {
			new InternetAddress(from, true);
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException("latchkey.mail.from is not a valid mail address");
		}
		if (retryInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("latchkey.mail.retry-interval must be at least 1 second");
		}
		if (giveUpAfter.compareTo(retryInterval) < 0) {
			throw new IllegalArgumentException("latchkey.mail.give-up-after must be at least the retry interval");
		}
	}

}
