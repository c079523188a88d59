package dev.latchkey.auth.reset;

import org.springframework.http.HttpStatus;

/**
 * What a reset link can be, each with the status its page answers with.
 */
enum LinkStatus {

	/** Usable. */
	LIVE(HttpStatus.OK),

	/** Older than its validity. */
	EXPIRED(HttpStatus.GONE),

	/** A newer link was sent to the same account. */
	SUPERSEDED(HttpStatus.GONE),

	/** Already used to reset the password. */
	USED(HttpStatus.GONE),

	/** Not a link we sent (mistyped, cut off, or purged long ago). */
	UNKNOWN(HttpStatus.NOT_FOUND),

	/** The reset page was opened without opening a link first in this browser. */
	NOT_OPENED(HttpStatus.BAD_REQUEST);

	private final HttpStatus httpStatus;

	LinkStatus(HttpStatus httpStatus) {
		this.httpStatus = httpStatus;
	}

	HttpStatus httpStatus() {
		return this.httpStatus;
	}

}
