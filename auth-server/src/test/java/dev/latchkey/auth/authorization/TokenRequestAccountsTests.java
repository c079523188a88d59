package dev.latchkey.auth.authorization;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Accounts;
import dev.latchkey.auth.account.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class TokenRequestAccountsTests {

	private final Accounts accounts = mock(Accounts.class);

	private final TokenRequestAccounts requestAccounts = new TokenRequestAccounts(this.accounts);

	private final String subject = UUID.randomUUID().toString();

	@AfterEach
	void leaveRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void findBySubjectWhenSameRequestThenReadOnce() {
		AccountSummary account = account();
		given(this.accounts.findBySubject(this.subject)).willReturn(Optional.of(account));
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));

		// A refresh: eligibility, access token roles, ID token claims.
		for (int i = 0; i < 3; i++) {
			assertThat(this.requestAccounts.findBySubject(this.subject)).contains(account);
		}

		then(this.accounts).should(times(1)).findBySubject(this.subject);
	}

	@Test
	void findBySubjectWhenAccountMissingThenAbsenceAlsoReadOnce() {
		given(this.accounts.findBySubject(this.subject)).willReturn(Optional.empty());
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));

		assertThat(this.requestAccounts.findBySubject(this.subject)).isEmpty();
		assertThat(this.requestAccounts.findBySubject(this.subject)).isEmpty();

		then(this.accounts).should(times(1)).findBySubject(this.subject);
	}

	@Test
	void findBySubjectWhenNextRequestThenReadAgain() {
		given(this.accounts.findBySubject(this.subject)).willReturn(Optional.of(account()));
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		this.requestAccounts.findBySubject(this.subject);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		this.requestAccounts.findBySubject(this.subject);

		then(this.accounts).should(times(2)).findBySubject(this.subject);
	}

	@Test
	void findBySubjectWhenOutsideRequestThenReadEveryTime() {
		given(this.accounts.findBySubject(this.subject)).willReturn(Optional.of(account()));

		this.requestAccounts.findBySubject(this.subject);
		this.requestAccounts.findBySubject(this.subject);

		then(this.accounts).should(times(2)).findBySubject(this.subject);
	}

	private AccountSummary account() {
		return new AccountSummary(UUID.fromString(this.subject), "a@example.com", "A", Set.of(Role.USER), true, true,
				Instant.EPOCH, Instant.EPOCH);
	}

}
