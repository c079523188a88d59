package dev.latchkey.auth.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.audit.AuditAnchor;
import dev.latchkey.auth.audit.AuditLog;
import dev.latchkey.auth.audit.AuditPage;
import dev.latchkey.auth.audit.AuditQuery;
import dev.latchkey.auth.audit.AuditVerification;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin API for the audit log ({@code openapi/admin/audit.json}): filtered pages,
 * newest first, and the chain check.
 */
@AdminApi
final class AuditApi {

	static final String AUDIT = AdminSecurity.API + "/audit";

	private final AuditLog audit;

	AuditApi(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping(AUDIT)
	AuditPage find(@RequestParam(name = "from", required = false) @Nullable String from,
			@RequestParam(name = "to", required = false) @Nullable String to,
			@RequestParam(name = "type", required = false) @Nullable String type,
			@RequestParam(name = "actor", required = false) @Nullable String actor,
			@RequestParam(name = "subject", required = false) @Nullable String subject,
			@RequestParam(name = "page", defaultValue = "0") int page,
			@RequestParam(name = "size", defaultValue = "50") int size) {
		return this.audit.find(query(instant("from", from), instant("to", to), type, actor, subject, page, size));
	}

	@GetMapping(AUDIT + "/verify")
	AuditVerification verify(@RequestParam(name = "anchor", required = false) @Nullable String anchor) {
		if (anchor == null) {
			return this.audit.verify();
		}
		if (anchor.length() > 100) {
			throw AdminRequestException.of("anchor", "admin.audit.anchor.invalid");
		}
		try {
			return this.audit.verify(AuditAnchor.parse(anchor));
		}
		catch (IllegalArgumentException ex) {
			throw AdminRequestException.of("anchor", "admin.audit.anchor.invalid");
		}
	}

	static AuditQuery query(@Nullable Instant from, @Nullable Instant to, @Nullable String type, @Nullable String actor,
			@Nullable String subject, int page, int size) {
		checkLength("type", type);
		checkLength("actor", actor);
		checkLength("subject", subject);
		if (page < 0 || page > AuditQuery.MAX_PAGE) {
			throw AdminRequestException.of("page", "admin.page.invalid");
		}
		if (size < 1 || size > AuditQuery.MAX_SIZE) {
			throw AdminRequestException.of("size", "admin.audit.size.invalid", AuditQuery.MAX_SIZE);
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw AdminRequestException.of("to", "admin.audit.range.invalid");
		}
		return new AuditQuery(from, to, type, actor, subject, page, size);
	}

	private static void checkLength(String field, @Nullable String value) {
		if (value != null && value.length() > 200) {
			throw AdminRequestException.of(field, "admin.audit.filter.tooLong", 200);
		}
	}

	private static @Nullable Instant instant(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw AdminRequestException.of(field, "admin.audit.time.invalid");
		}
	}

}
