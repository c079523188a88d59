package dev.latchkey.auth.reset;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Reset pages answer with {@code Referrer-Policy: no-referrer}, so no address of theirs
 * ever reaches another site. Set before the security headers are written, which keep a
 * policy that is already there.
 */
final class NoReferrer {

	private NoReferrer() {
	}

	static void apply(HttpServletResponse response) {
		response.setHeader("Referrer-Policy", "no-referrer");
	}

}
