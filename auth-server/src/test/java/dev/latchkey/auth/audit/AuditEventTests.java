package dev.latchkey.auth.audit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What an audit event may hold: dotted lower-case types, one-line fields, and no detail
 * whose name suggests a credential.
 */
class AuditEventTests {

	@Test
	void typeWhenNotDottedLowerCaseThenRefused() {
		for (String type : new String[] { "signin", "Signin.failed", "signin..failed", "signin.", ".signin",
				"signin.1failed", "signin.fa-iled", "a.".repeat(120) + "b" }) {
			assertThatIllegalArgumentException().as(type).isThrownBy(() -> AuditEvent.of(type, "system", null, null));
		}
		assertThat(AuditEvent.of("admin.user.roles_changed", "system", null, null).category()).isEqualTo("admin");
	}

	@Test
	void detailsWhenNamedLikeACredentialThenRefused() {
		for (String name : new String[] { "password", "clientSecret", "accessToken", "resetLink", "code", "Credentials",
				"bad name" }) {
			assertThatIllegalArgumentException().as(name)
				.isThrownBy(() -> new AuditEvent("test.event", "system", null, null, Map.of(name, "x")));
		}
	}

	@Test
	void fieldsWhenMultiLineOrLongThenOneLineAndCut() {
		AuditEvent event = new AuditEvent("test.event", " cli:ops\nforged ", "127.0.0.1", null,
				Map.of("reason", "line\nbreak" + "x".repeat(600)));
		assertThat(event.actor()).isEqualTo("cli:ops forged");
		assertThat(event.details().get("reason")).startsWith("line break").hasSize(AuditEvent.MAX_DETAIL_LENGTH);
		assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.of("test.event", " ", null, null));
	}

}
