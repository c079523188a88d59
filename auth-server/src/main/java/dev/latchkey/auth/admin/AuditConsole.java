package dev.latchkey.auth.admin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.audit.AuditLog;
import dev.latchkey.auth.audit.AuditPage;
import dev.latchkey.auth.audit.AuditQuery;
import dev.latchkey.auth.password.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's audit log: filters (times in UTC), pages of entries, newest first, and
 * the chain check.
 */
@Controller
final class AuditConsole {

	static final String AUDIT = AdminSecurity.CONSOLE + "/audit";

	static final int PAGE_SIZE = 50;

	private final AuditLog audit;

	AuditConsole(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping(AUDIT)
	String audit(@RequestParam(name = "from", required = false) @Nullable String from,
			@RequestParam(name = "to", required = false) @Nullable String to,
			@RequestParam(name = "type", required = false) @Nullable String type,
			@RequestParam(name = "actor", required = false) @Nullable String actor,
			@RequestParam(name = "subject", required = false) @Nullable String subject,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model, HttpServletResponse response) {
		Filters filters = new Filters(text(from), text(to), text(type), text(actor), text(subject));
		model.addAttribute("adminSection", "audit");
		model.addAttribute("filters", filters);
		model.addAttribute("errors", new FormErrors());
		try {
			AuditQuery query = AuditApi.query(time("from", from), time("to", to), type, actor, subject, page,
					PAGE_SIZE);
			model.addAttribute("found", this.audit.find(query));
		}
		catch (AdminRequestException ex) {
			ConsoleForms.refuse(ex, model, response);
			model.addAttribute("found", new AuditPage(java.util.List.of(), 0, PAGE_SIZE, false));
		}
		return "admin/audit";
	}

	@GetMapping(AUDIT + "/verify")
	String verify(Model model) {
		model.addAttribute("adminSection", "audit");
		model.addAttribute("verification", this.audit.verify());
		return "admin/audit-verify";
	}

	/**
	 * A time from a {@code datetime-local} field, taken as UTC; ISO instants are accepted
	 * too.
	 */
	private static @Nullable Instant time(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.parse(value.strip());
			}
			catch (DateTimeParseException again) {
				throw AdminRequestException.of(field, "admin.audit.time.invalid");
			}
		}
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * The filters as typed, to show them again.
	 */
	record Filters(String from, String to, String type, String actor, String subject) {
	}

}
