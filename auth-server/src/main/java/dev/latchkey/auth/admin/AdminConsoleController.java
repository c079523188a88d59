package dev.latchkey.auth.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's start page: its sections, and what the reader may do there.
 */
@Controller
final class AdminConsoleController {

	@GetMapping(AdminSecurity.CONSOLE)
	String console(Model model) {
		model.addAttribute("adminSection", "home");
		return "admin/index";
	}

}
