package dev.latchkey.auth.lockout;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import dev.latchkey.auth.TestBrowser;
import dev.latchkey.auth.TestMailServer;
import dev.latchkey.auth.TestOAuthClient;
import dev.latchkey.auth.lockout.LockoutCluster.Account;
import org.junit.jupiter.api.Test;

import static dev.latchkey.auth.lockout.LockoutCluster.PASSWORD;
import static dev.latchkey.auth.lockout.LockoutCluster.clock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Getting out of a lock, and what the owner hears: the forgot-password flow works while
 * locked and its new password ends the lock; one mail per lock; after 100 consecutive
 * failures only a reset (or an operator) unlocks; a locked account cannot refresh its
 * tokens; operators list and clear locks; a wrong current password on the change-password
 * form counts like a failed sign-in.
 */
class LockoutRecoveryTests {

	static final String WRONG = "Wrong-Password-99!";

	static final String NEW_PASSWORD = "Harbor-Violet-58#";

	static final Pattern RESET_LINK = Pattern
		.compile(Pattern.quote(TestMailServer.LINK_BASE) + "/reset/[A-Za-z0-9_-]{43}");

	static final DateTimeFormatter MAIL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final LockoutNode node = LockoutCluster.a();

	@Test
	void resetWhenAccountLockedThenForgotPasswordWorksAndNewPasswordUnlocks() {
		Account account = locked("reset-unlocks");
		Visitor person = this.node.visitor(Visitor.randomAddress());
		HttpResponse<String> form = person.get("/forgot-password");
		HttpResponse<String> requested = person.post("/forgot-password",
				Map.of("email", account.email(), "_csrf", TestBrowser.csrfToken(form.body())));
		assertThat(requested.statusCode()).isEqualTo(200);

		String link = resetLink(account);
		assertThat(person.get(URI.create(link).getPath()).statusCode()).isEqualTo(302);
		String csrf = TestBrowser.csrfToken(person.get("/reset").body());
		HttpResponse<String> done = person.post("/reset",
				Map.of("newPassword", NEW_PASSWORD, "confirmation", NEW_PASSWORD, "_csrf", csrf));
		assertThat(TestBrowser.location(done)).endsWith("/password/changed");

		assertThat(lockouts().isLocked(account.id())).isFalse();
		assertThat(lockouts().find(account.id())).as("the failures are forgotten too").isEmpty();
		assertThat(unlocked(account)).singleElement()
			.satisfies((event) -> assertThat(event.reason()).isEqualTo(AccountUnlocked.Reason.PASSWORD_CHANGED));
		assertThat(Visitor.succeeded(signIn(account, NEW_PASSWORD))).as("no waiting for the lock to run out").isTrue();
	}

	@Test
	void lockWhenReachedThenOwnerGetsOneMailSayingUntilWhen() {
		Account account = locked("mail");
		Instant until = lockedOut(account).get(0).lockedUntil();
		failTimes(account, 5);
		assertThat(this.node.jdbc()
			.queryForObject("SELECT count(*) FROM outbound_mail WHERE account_id = ? AND kind = 'ACCOUNT_LOCKED'",
					Integer.class, account.id()))
			.as("one mail for one lock, whatever fails during it")
			.isEqualTo(1);

		MimeMessage mail = TestMailServer.awaitMailsTo(account.email(), 1).get(0);
		assertThat(TestMailServer.subject(mail)).isEqualTo("Your Latchkey account was locked for a while");
		assertThat(TestMailServer.text(mail)).contains("Hello Lena Lockout,")
			.contains("wrong password for the Latchkey account " + account.email())
			.contains("Signing in works again by itself at " + MAIL_TIME.format(until))
			.contains(TestMailServer.LINK_BASE + "/forgot-password")
			.doesNotContain(WRONG);
		assertThat(TestMailServer.html(mail)).contains("href=\"" + TestMailServer.LINK_BASE + "/forgot-password\"")
			.contains("<html lang=\"en\">");
	}

	@Test
	void lockWhenPersonSpeaksGermanThenMailInGerman() {
		Account account = LockoutCluster.newAccount("mail-de");
		for (int i = 0; i < 5; i++) {
			this.node.visitor(Visitor.randomAddress()).speaking("de").signIn(account.email(), WRONG);
		}
		MimeMessage mail = TestMailServer.awaitMailsTo(account.email(), 1).get(0);
		assertThat(TestMailServer.subject(mail)).isEqualTo("Ihr Latchkey-Konto wurde vorübergehend gesperrt");
		assertThat(TestMailServer.text(mail)).contains("Hallo Lena Lockout,")
			.contains("Ab " + MAIL_TIME.format(lockedOut(account).get(0).lockedUntil()));
	}

	@Test
	void signInWhenHundredConsecutiveFailuresThenLockedUntilResetWhateverTheTime() {
		Account account = LockoutCluster.newAccount("cap");
		int failures = 0;
		while (failures < 100) {
			failTimes(account, 5);
			failures += 5;
			AccountLockedOut lock = lockedOut(account).get(lockedOut(account).size() - 1);
			if (lock.lockedUntil() != null) {
				clock.advance(Duration.between(clock.instant(), lock.lockedUntil()));
			}
		}
		AccountLockedOut last = lockedOut(account).get(lockedOut(account).size() - 1);
		assertThat(lockedOut(account)).hasSize(20);
		assertThat(last.untilReset()).isTrue();
		assertThat(last.consecutiveFailures()).isEqualTo(100);

		clock.advance(Duration.ofDays(2));
		assertThat(Visitor.refusedAsWrongPassword(signIn(account, PASSWORD))).as("two days later").isTrue();
		failTimes(account, 3);
		assertThat(lockouts().find(account.id())).get().satisfies((state) -> {
			assertThat(state.consecutiveFailures()).as("no attempt after the 100th is checked").isEqualTo(100);
			assertThat(state.untilReset()).isTrue();
			assertThat(state.locked()).isTrue();
		});
		assertThat(lockouts().list()).extracting(AccountLockout::accountId).contains(account.id());

		assertThat(lockouts().clear(account.id(), "operator@example.test")).isTrue();
		assertThat(unlocked(account)).last().satisfies((event) -> {
			assertThat(event.reason()).isEqualTo(AccountUnlocked.Reason.CLEARED);
			assertThat(event.actor()).isEqualTo("operator@example.test");
		});
		assertThat(lockouts().clear(account.id(), "operator@example.test")).as("nothing left to clear").isFalse();
		assertThat(Visitor.succeeded(signIn(account, PASSWORD))).isTrue();
	}

	@Test
	void lockoutsWhenListedThenShowLockedAccountsUntilCleared() {
		Account account = locked("list");
		assertThat(lockouts().list()).filteredOn((lockout) -> lockout.accountId().equals(account.id()))
			.singleElement()
			.satisfies((lockout) -> {
				assertThat(lockout.email()).isEqualTo(account.email());
				assertThat(lockout.lockedUntil()).isEqualTo(lockedOut(account).get(0).lockedUntil());
				assertThat(lockout.untilReset()).isFalse();
				assertThat(lockout.consecutiveFailures()).isEqualTo(5);
			});
		assertThatIllegalArgumentException().isThrownBy(() -> lockouts().clear(account.id(), " "))
			.withMessageContaining("actor");
		assertThat(lockouts().isLocked(account.id())).as("a refused clear changes nothing").isTrue();
		assertThat(lockouts().clear(account.id(), "operator@example.test")).isTrue();
		assertThat(lockouts().list()).extracting(AccountLockout::accountId).doesNotContain(account.id());
		assertThat(Visitor.succeeded(signIn(account, PASSWORD))).isTrue();
	}

	@Test
	void refreshWhenAccountLockedThenInvalidGrantUntilUnlocked() {
		Account account = LockoutCluster.newAccount("refresh");
		TestOAuthClient client = TestOAuthClient.demoWeb(new TestBrowser(this.node.baseUrl()));
		TestBrowser.Pkce pkce = TestBrowser.Pkce.create();
		Map<String, Object> tokens = TestOAuthClient
			.json(client.exchangeCode(client.authorize(account.email(), "openid profile", pkce), pkce.verifier()));
		failTimes(account, 5);

		HttpResponse<String> refused = client.refresh((String) tokens.get("refresh_token"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("\"error\":\"invalid_grant\"");

		lockouts().clear(account.id(), "operator@example.test");
		HttpResponse<String> refreshed = client.refresh((String) tokens.get("refresh_token"));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
	}

	@Test
	void changePasswordWhenWrongCurrentPasswordFiveTimesThenAccountLocked() {
		Account account = LockoutCluster.newAccount("change");
		Visitor person = this.node.visitor(Visitor.randomAddress());
		assertThat(Visitor.succeeded(person.signIn(account.email(), PASSWORD))).isTrue();
		for (int i = 0; i < 5; i++) {
			String csrf = TestBrowser.csrfToken(person.get("/account/password").body());
			HttpResponse<String> refused = person.post("/account/password", Map.of("currentPassword", WRONG,
					"newPassword", NEW_PASSWORD, "confirmation", NEW_PASSWORD, "_csrf", csrf));
			assertThat(refused.statusCode()).isEqualTo(400);
		}
		assertThat(lockouts().isLocked(account.id())).isTrue();
		assertThat(this.node.events(SignInFailed.class)).filteredOn((event) -> account.id().equals(event.accountId()))
			.extracting(SignInFailed::reason)
			.containsOnly(SignInFailed.Reason.WRONG_CURRENT_PASSWORD)
			.hasSize(5);
		assertThat(Visitor.refusedAsWrongPassword(signIn(account, PASSWORD))).isTrue();
	}

	private Account locked(String name) {
		Account account = LockoutCluster.newAccount(name);
		failTimes(account, 5);
		assertThat(lockouts().isLocked(account.id())).isTrue();
		return account;
	}

	private String resetLink(Account account) {
		List<MimeMessage> mails = TestMailServer.awaitMailsTo(account.email(), 2);
		for (MimeMessage mail : mails) {
			Matcher matcher = RESET_LINK.matcher(TestMailServer.text(mail));
			if (matcher.find()) {
				return matcher.group();
			}
		}
		throw new AssertionError("No reset mail");
	}

	private Lockouts lockouts() {
		return this.node.bean(Lockouts.class);
	}

	private void failTimes(Account account, int times) {
		for (int i = 0; i < times; i++) {
			assertThat(Visitor.refusedAsWrongPassword(signIn(account, WRONG))).isTrue();
		}
	}

	private HttpResponse<String> signIn(Account account, String password) {
		return this.node.visitor(Visitor.randomAddress()).signIn(account.email(), password);
	}

	private List<AccountLockedOut> lockedOut(Account account) {
		return this.node.events(AccountLockedOut.class)
			.stream()
			.filter((event) -> event.accountId().equals(account.id()))
			.toList();
	}

	private List<AccountUnlocked> unlocked(Account account) {
		return this.node.events(AccountUnlocked.class)
			.stream()
			.filter((event) -> event.accountId().equals(account.id()))
			.toList();
	}

}
