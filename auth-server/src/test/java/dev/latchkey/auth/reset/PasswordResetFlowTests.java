package dev.latchkey.auth.reset;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.password.FormErrors;
import dev.latchkey.auth.password.PasswordChange;
import dev.latchkey.auth.password.Passwords;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * The decisions of the reset flow, one class with its collaborators mocked (the whole
 * flow against the server and PostgreSQL is in {@link PasswordResetTests}).
 */
class PasswordResetFlowTests {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private static final byte[] HASH = { 1, 2, 3 };

	private static final UUID ACCOUNT = UUID.randomUUID();

	private final Accounts accounts = mock(Accounts.class);

	private final Passwords passwords = mock(Passwords.class);

	private final ResetLinks links = mock(ResetLinks.class);

	private final MailOutbox outbox = mock(MailOutbox.class);

	private final PasswordReset reset = new PasswordReset(this.accounts, this.passwords, this.links, this.outbox,
			mock(PlatformTransactionManager.class), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void requestWhenAccountEnabledThenResetMailQueued() {
		given(this.accounts.findEnabledIdByEmail("a@example.com")).willReturn(Optional.of(ACCOUNT));
		this.reset.request("a@example.com", Locale.GERMAN);
		then(this.outbox).should().enqueue(MailKind.PASSWORD_RESET, ACCOUNT, Locale.GERMAN);
	}

	@Test
	void requestWhenNoSuchEnabledAccountThenNoMail() {
		given(this.accounts.findEnabledIdByEmail("a@example.com")).willReturn(Optional.empty());
		this.reset.request("a@example.com", Locale.ENGLISH);
		then(this.outbox).shouldHaveNoInteractions();
	}

	@Test
	void checkWhenLinkLiveUntilLaterThenLive() {
		live(NOW.plusSeconds(1));
		assertThat(this.reset.check(HASH)).isEqualTo(new PasswordReset.LinkCheck(LinkStatus.LIVE, ACCOUNT));
	}

	@Test
	void checkWhenLiveLinkReachedItsExpiryThenExpired() {
		live(NOW);
		assertThat(this.reset.check(HASH).status()).isEqualTo(LinkStatus.EXPIRED);
	}

	@Test
	void checkWhenLinkSupersededOrUsedThenSo() {
		given(this.links.find(HASH)).willReturn(Optional.of(new ResetLinks.Link(ACCOUNT, "SUPERSEDED", NOW)));
		assertThat(this.reset.check(HASH).status()).isEqualTo(LinkStatus.SUPERSEDED);
		given(this.links.find(HASH)).willReturn(Optional.of(new ResetLinks.Link(ACCOUNT, "USED", NOW)));
		assertThat(this.reset.check(HASH).status()).isEqualTo(LinkStatus.USED);
	}

	@Test
	void checkWhenNoSuchLinkThenUnknownWithoutAccount() {
		given(this.links.find(HASH)).willReturn(Optional.empty());
		assertThat(this.reset.check(HASH)).isEqualTo(new PasswordReset.LinkCheck(LinkStatus.UNKNOWN, null));
		assertThat(this.reset.account(this.reset.check(HASH))).isEmpty();
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void resetWhenLinkNotLiveThenLinkProblemAndPasswordUntouched() {
		live(NOW.minusSeconds(1));
		PasswordReset.Outcome outcome = this.reset.reset(HASH, "new", "new");
		assertThat(outcome.isDone()).isFalse();
		assertThat(outcome.linkStatus()).isEqualTo(LinkStatus.EXPIRED);
		then(this.passwords).shouldHaveNoInteractions();
	}

	@Test
	void resetWhenPasswordRefusedThenRefusedWithItsErrorsAndLinkKept() {
		live(NOW.plusSeconds(60));
		FormErrors errors = new FormErrors().add("password", "password.too-short");
		PasswordChange change = change(false, errors);
		given(this.passwords.prepare(any(), any(), any(), any())).willReturn(change);
		PasswordReset.Outcome outcome = this.reset.reset(HASH, "short", "short");
		assertThat(outcome.isDone()).isFalse();
		assertThat(outcome.errors()).isSameAs(errors);
		assertThat(outcome.linkStatus()).isEqualTo(LinkStatus.LIVE);
		then(this.links).should(never()).use(any(), any());
		then(this.passwords).should(never()).apply(any());
	}

	@Test
	void resetWhenLinkLiveAndPasswordAcceptedThenLinkUsedAndPasswordApplied() {
		live(NOW.plusSeconds(60));
		PasswordChange change = change(true, new FormErrors());
		given(this.passwords.prepare(ACCOUNT, "Orchid-Lantern-43!", "Orchid-Lantern-43!", new FormErrors()))
			.willReturn(change);
		given(this.passwords.prepare(any(), any(), any(), any())).willReturn(change);
		given(this.links.use(HASH, NOW)).willReturn(Optional.of(ACCOUNT));
		PasswordReset.Outcome outcome = this.reset.reset(HASH, "Orchid-Lantern-43!", "Orchid-Lantern-43!");
		assertThat(outcome.isDone()).isTrue();
		then(this.passwords).should().apply(change);
	}

	@Test
	void resetWhenLinkUsedConcurrentlyThenLinkProblemAndPasswordNotApplied() {
		given(this.links.find(HASH)).willReturn(Optional.of(new ResetLinks.Link(ACCOUNT, "LIVE", NOW.plusSeconds(60))),
				Optional.of(new ResetLinks.Link(ACCOUNT, "USED", NOW.plusSeconds(60))));
		PasswordChange change = change(true, new FormErrors());
		given(this.passwords.prepare(any(), any(), any(), any())).willReturn(change);
		given(this.links.use(HASH, NOW)).willReturn(Optional.empty());
		PasswordReset.Outcome outcome = this.reset.reset(HASH, "Orchid-Lantern-43!", "Orchid-Lantern-43!");
		assertThat(outcome.isDone()).isFalse();
		assertThat(outcome.linkStatus()).isEqualTo(LinkStatus.USED);
		then(this.passwords).should(never()).apply(any());
	}

	private void live(Instant expiresAt) {
		given(this.links.find(HASH)).willReturn(Optional.of(new ResetLinks.Link(ACCOUNT, "LIVE", expiresAt)));
	}

	private static PasswordChange change(boolean accepted, FormErrors errors) {
		PasswordChange change = mock(PasswordChange.class);
		given(change.accepted()).willReturn(accepted);
		given(change.errors()).willReturn(errors);
		given(change.accountId()).willReturn(ACCOUNT);
		return change;
	}

}
