package dev.latchkey.auth.client;

import java.io.IOException;
import java.util.List;

/**
 * The SSRF guard refused a URL, or what it answered: the reason is a message code suffix
 * ({@code client.error.url.<reason>}) with arguments, so pages can say why.
 */
public class UnsafeUrlException extends IOException {

	private final String reason;

	private final List<Object> arguments;

	UnsafeUrlException(String reason, Object... arguments) {
		super("Refused URL: " + reason + ((arguments.length > 0) ? " " + List.of(arguments) : ""));
		this.reason = reason;
		this.arguments = List.of(arguments);
	}

	/**
	 * Why: {@code syntax}, {@code https}, {@code scheme}, {@code userinfo}, {@code host},
	 * {@code fragment}, {@code numericHost}, {@code address}, {@code unresolvable},
	 * {@code tooLong}, {@code responseTooLarge}.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	public List<Object> arguments() {
		return this.arguments;
	}

}
