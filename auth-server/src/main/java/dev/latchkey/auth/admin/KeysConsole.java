package dev.latchkey.auth.admin;

import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.password.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's signing key page: the keys, a rotation, a revocation.
 */
@Controller
final class KeysConsole {

	static final String KEYS = AdminSecurity.CONSOLE + "/keys";

	private static final Set<String> NOTICES = Set.of("rotated", "revokedNotice");

	private final KeyAdministration keys;

	KeysConsole(KeyAdministration keys) {
		this.keys = keys;
	}

	@GetMapping(KEYS)
	String keys(@RequestParam(name = "done", required = false) @Nullable String done, Model model) {
		show(model, new FormErrors(), "");
		model.addAttribute("notice", (done != null && NOTICES.contains(done)) ? "admin.keys." + done : null);
		return "admin/keys";
	}

	@PostMapping(KEYS + "/rotate")
	String rotate(@RequestParam(name = "force", defaultValue = "false") boolean force) {
		this.keys.rotate(force, Operator.current());
		return "redirect:" + KEYS + "?done=rotated";
	}

	@PostMapping(KEYS + "/revoke")
	String revoke(@RequestParam(name = "kid", defaultValue = "") String kid,
			@RequestParam(name = "reason", defaultValue = "") String reason, Model model,
			HttpServletResponse response) {
		try {
			this.keys.revoke(kid, reason, Operator.current());
			return "redirect:" + KEYS + "?done=revokedNotice";
		}
		catch (AdminRequestException ex) {
			show(model, ConsoleForms.errors(ex), reason);
			model.addAttribute("notice", null);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "admin/keys";
		}
	}

	private void show(Model model, FormErrors errors, String reason) {
		model.addAttribute("adminSection", "keys");
		model.addAttribute("keys", this.keys.list());
		model.addAttribute("errors", errors);
		model.addAttribute("reason", reason);
	}

}
