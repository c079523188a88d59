package dev.latchkey.auth.password;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Any page that hashes a password (change, reset, expired password) answers 503 with
 * {@code Retry-After} when hashing is too busy, instead of an error or a long wait.
 */
@ControllerAdvice
class HashingBusyPage {

	@ExceptionHandler(PasswordHashingBusyException.class)
	void busy(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
	}

}
