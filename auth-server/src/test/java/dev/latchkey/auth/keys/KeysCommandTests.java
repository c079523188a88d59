package dev.latchkey.auth.keys;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.latchkey.auth.system.AdminCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code admin keys ...} as an operator types it, run in a started server.
 */
@Tag("integration")
class KeysCommandTests {

	private static final String SCHEMA = "keys_cli";

	private static TestNode node;

	@BeforeAll
	static void startNode() {
		TestNode.resetSchema(SCHEMA);
		node = TestNode.start(SCHEMA, new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void keysHelpWhenAskedThenListsSubcommands() {
		Run run = admin("keys", "--help");
		assertThat(run.code()).isZero();
		assertThat(run.out()).contains("Usage: admin keys [-h] COMMAND")
			.contains("list")
			.contains("rotate")
			.contains("revoke");
		assertThat(admin("keys", "revoke", "--help").out()).contains("--reason=TEXT").contains("KID");
	}

	@Test
	void listWhenKeysExistThenOneLinePerKeyWithStateAndDates() {
		Run run = admin("keys", "list");
		assertThat(run.code()).isZero();
		assertThat(run.out().lines().findFirst()).hasValueSatisfying((header) -> assertThat(header)
			.contains("ALGORITHM", "STATE", "KID", "PUBLISHED", "SIGNS FROM", "SIGNS UNTIL", "LEAVES JWKS"));
		for (SigningKeyDetails key : node.bean(SigningKeys.class).list()) {
			assertThat(run.out()).containsPattern(key.algorithm() + "\\s+" + key.state() + "\\s+" + key.kid() + "\\s+"
					+ key.publishedAt().truncatedTo(ChronoUnit.SECONDS));
		}
		assertThat(run.err()).isEmpty();
	}

	@Test
	void rotateThenForceThenRevokeWhenRunThenKeysChangeAndOutputSaysHow() {
		Run published = admin("keys", "rotate", "--actor", "ops");
		assertThat(published.code()).isZero();
		assertThat(published.out())
			.containsPattern("ES256: (published key|key) \\S+ (was already published; )?.*signs from");
		assertThat(node.events(SigningKeyPublished.class)).last()
			.satisfies((event) -> assertThat(event.actor()).isEqualTo("ops"));

		Run forced = admin("keys", "rotate", "--force");
		assertThat(forced.code()).isZero();
		assertThat(forced.out()).containsPattern("ES256: key \\S+ signs now")
			.containsPattern("RS256: key \\S+ signs now");
		assertThat(node.events(SigningKeyActivated.class)).last()
			.satisfies((event) -> assertThat(event.actor()).startsWith("cli:"));

		String active = node.bean(SigningKeySource.class).current().active("ES256").orElseThrow().kid();
		Run revoked = admin("keys", "revoke", active, "--reason", "laptop with the database dump was stolen");
		assertThat(revoked.code()).isZero();
		assertThat(revoked.out()).startsWith("Revoked ES256 key " + active);
		Run listed = admin("keys", "list");
		assertThat(listed.out()).containsPattern("ES256\\s+REVOKED\\s+" + active)
			.contains("by cli:")
			.contains(": laptop with the database dump was stolen");
	}

	@Test
	void revokeWhenUnknownKeyThenExitOneWithOneLineReason() {
		Run run = admin("keys", "revoke", "no-such-kid", "--reason", "test");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).isEqualTo("admin keys revoke: No signing key has the id no-such-kid\n");
	}

	@Test
	void commandWhenUsageWrongThenExitTwoWithOneLineReason() {
		Run noReason = admin("keys", "revoke", "some-kid");
		assertThat(noReason.code()).isEqualTo(2);
		assertThat(noReason.err()).isEqualTo(
				"admin keys revoke: Missing required option: '--reason=TEXT' (see 'admin keys revoke --help')\n");
		Run unknown = admin("keys", "shred");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).startsWith("admin keys: Unmatched argument at index 1: 'shred'").hasLineCount(1);
		Run missing = admin("keys");
		assertThat(missing.code()).isEqualTo(2);
		assertThat(missing.err()).isEqualTo("admin keys: Missing command (see 'admin keys --help')\n");
	}

	private static Run admin(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = AdminCli.execute(node.context(), new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Run(code, out.toString(), err.toString());
	}

	private record Run(int code, String out, String err) {
	}

}
