package dev.latchkey.resource.web;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.latchkey.resource.AccessMatrix;
import dev.latchkey.resource.ResourceServerTest;
import dev.latchkey.resource.TestApi;
import dev.latchkey.resource.TestClock;
import dev.latchkey.resource.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One JSON line per permission decision, granted or denied, on standard output.
 */
@ResourceServerTest
@ExtendWith(OutputCaptureExtension.class)
class PermissionAuditTests {

	@LocalServerPort
	int port;

	@Autowired
	TestClock clock;

	@Test
	void decisionWhenGrantedOrDeniedThenOneJsonLineEach(CapturedOutput output) throws ParseException {
		TestApi api = new TestApi(this.port);
		String token = TestIssuer.shared()
			.token(this.clock)
			.user("account-audit", List.of("USER"), "documents.read documents.write")
			.sign();

		assertThat(api.get("/api/documents", token).statusCode()).isEqualTo(200);
		assertThat(api.post("/api/documents", token, AccessMatrix.DOCUMENT_JSON).statusCode()).isEqualTo(403);
		assertThat(api.get("/api/me", token).statusCode()).as("no permission decision").isEqualTo(200);

		List<String> lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("\"subject\":\"account-audit\""))
			.toList();
		assertThat(lines).hasSize(2).allSatisfy((line) -> assertThat(line).startsWith("{").endsWith("}"));
		Map<String, Object> granted = JSONObjectUtils.parse(lines.get(0));
		assertThat(granted).containsEntry("time", this.clock.instant().toString())
			.containsEntry("event", "permission_decision")
			.containsEntry("subject", "account-audit")
			.containsEntry("client", "demo-web")
			.containsEntry("permission", "read")
			.containsEntry("method", "GET")
			.containsEntry("resource", "/api/documents")
			.containsEntry("decision", "granted");
		assertThat(JSONObjectUtils.parse(lines.get(1))).containsEntry("permission", "write")
			.containsEntry("method", "POST")
			.containsEntry("decision", "denied");
		assertThat(output.getAll()).as("the token never reaches the log").doesNotContain(token);
	}

}
