package dev.latchkey.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real SMTP server (GreenMail) for the tests of this JVM, on a free port, started on
 * first use. Tests that need it use {@link LatchkeyMailTest}: the server then sends its
 * mail here, and reset links start with {@link #LINK_BASE}.
 */
public final class TestMailServer {

	/** The public URL reset links start with in mail tests (not the test server's). */
	public static final String LINK_BASE = "https://latchkey.test";

	private static GreenMail greenMail;

	private static int port;

	private TestMailServer() {
	}

	public static synchronized GreenMail get() {
		if (greenMail == null) {
			port = freePort();
			start();
		}
		return greenMail;
	}

	/** Stops the SMTP server, as an outage would. */
	public static synchronized void stop() {
		get().stop();
	}

	/** Starts it again on the same port, with an empty mailbox. */
	public static synchronized void start() {
		greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
	}

	public static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(get().getReceivedMessages()).filter((message) -> isTo(message, address)).toList();
	}

	/**
	 * Waits until the given number of mails reached the address.
	 * @return those mails, oldest first
	 */
	public static List<MimeMessage> awaitMailsTo(String address, int count) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			List<MimeMessage> mails = mailsTo(address);
			if (mails.size() >= count) {
				return mails;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("Expected " + count + " mails to " + address + ", got " + mailsTo(address).size());
	}

	public static String text(MimeMessage message) {
		return part(message, "text/plain");
	}

	public static String html(MimeMessage message) {
		return part(message, "text/html");
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String part(Part part, String type) {
		try {
			if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					String found = part(multipart.getBodyPart(i), type);
					if (!found.isEmpty()) {
						return found;
					}
				}
			}
			return "";
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch((recipient) -> ((InternetAddress) recipient).getAddress().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Points a test context's mail at this server and gives reset links a fixed base URL.
	 */
	public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			get();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("latchkeyTestMail", Map.of("spring.mail.host", "127.0.0.1",
						"spring.mail.port", String.valueOf(port), "latchkey.reset.link-base-url", LINK_BASE)));
		}

	}

}
