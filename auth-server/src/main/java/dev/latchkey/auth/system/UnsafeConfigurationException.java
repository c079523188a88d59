package dev.latchkey.auth.system;

import java.util.List;

/**
 * Thrown at startup in production when settings are missing or unsafe.
 */
final class UnsafeConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final List<String> problems;

	UnsafeConfigurationException(List<String> problems) {
		super("Latchkey refuses to start in production mode:\n  - " + String.join("\n  - ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return this.problems;
	}

}
