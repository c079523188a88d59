package dev.latchkey.resource.permission;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Writes one JSON line per permission decision to the {@code latchkey.audit} logger:
 * time, subject, client, permission, method, resource and decision. The line never holds
 * the token itself.
 */
@Component
final class PermissionAudit {

	static final String LOGGER = "latchkey.audit";

	private static final Logger audit = LoggerFactory.getLogger(LOGGER);

	private final Clock clock;

	private final JsonMapper json;

	PermissionAudit(Clock clock, JsonMapper json) {
		this.clock = clock;
		this.json = json;
	}

	void record(Jwt token, Permission permission, HttpServletRequest request, boolean granted) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("time", this.clock.instant().toString());
		line.put("event", "permission_decision");
		line.put("subject", token.getSubject());
		line.put("client", token.getClaimAsString("client_id"));
		line.put("permission", permission.value());
		line.put("method", request.getMethod());
		line.put("resource", request.getRequestURI());
		line.put("decision", granted ? "granted" : "denied");
		audit.info(this.json.writeValueAsString(line));
	}

}
