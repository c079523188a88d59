package dev.latchkey.auth.password;

import java.util.List;

/**
 * One rule a new password breaks, as a message code and its arguments.
 *
 * @param code the message code
 * @param arguments the message arguments
 */
record PasswordViolation(String code, List<Object> arguments) {

	PasswordViolation(String code, Object... arguments) {
		this(code, List.of(arguments));
	}

}
