package dev.latchkey.auth.admin;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs from the console: whether to show the link to it (only
 * for people who may read it) and whether the person may act there. A page shows no
 * button its reader may not use; the server refuses it all the same.
 */
@ControllerAdvice
final class AdminModel {

	@ModelAttribute("adminLink")
	boolean adminLink() {
		return AdminAccess.canRead()
				&& !(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken);
	}

	@ModelAttribute("adminCanWrite")
	boolean adminCanWrite() {
		return AdminAccess.canWrite();
	}

}
