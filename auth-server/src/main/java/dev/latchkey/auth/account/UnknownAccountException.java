package dev.latchkey.auth.account;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No account has this id (it may have been deleted meanwhile).
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public final class UnknownAccountException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UnknownAccountException() {
		super("No such account");
	}

}
