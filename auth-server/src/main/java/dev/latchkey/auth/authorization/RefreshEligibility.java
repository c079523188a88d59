package dev.latchkey.auth.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.latchkey.auth.account.AccountSummary;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * Whether a refresh token family may still be refreshed: it is younger than its absolute
 * lifetime, and its user still exists, is enabled, is not stopped by any
 * {@link AccountStatusCheck} (such as a lockout) and still consents to every scope of the
 * grant. Checked at every refresh, because any of these can change after sign-in.
 */
@Component
final class RefreshEligibility {

	private final TokenRequestAccounts accounts;

	private final ObjectProvider<AccountStatusCheck> statusChecks;

	private final OAuth2AuthorizationConsentService consents;

	private final Clock clock;

	private final Duration familyLifetime;

	RefreshEligibility(TokenRequestAccounts accounts, ObjectProvider<AccountStatusCheck> statusChecks,
			OAuth2AuthorizationConsentService consents, Clock clock, TokenProperties properties) {
		this.accounts = accounts;
		this.statusChecks = statusChecks;
		this.consents = consents;
		this.clock = clock;
		this.familyLifetime = properties.refreshFamilyLifetime();
	}

	/**
	 * Checks a family before it is refreshed.
	 * @return why it may not be refreshed, or empty if it may
	 */
	Optional<String> refusal(RefreshTokenFamilies.Member family, RegisteredClient client) {
		Instant now = this.clock.instant();
		if (!now.isBefore(family.familyStartedAt().plus(this.familyLifetime))) {
			return Optional.of("the refresh token family has reached its absolute lifetime");
		}
		if (family.principalName().equals(client.getClientId())) {
			// A client's own grant: no user to check.
			return Optional.empty();
		}
		Optional<AccountSummary> account = this.accounts.findBySubject(family.principalName());
		if (account.isEmpty() || !account.get().enabled()) {
			return Optional.of("the account does not exist or is disabled");
		}
		if (!this.statusChecks.orderedStream().allMatch((check) -> check.allowsTokens(account.get(), now))) {
			return Optional.of("the account may not get tokens now (for example, it is locked)");
		}
		if (client.getClientSettings().isRequireAuthorizationConsent() && !consented(family, client)) {
			return Optional.of("the user no longer consents to the scopes of the grant");
		}
		return Optional.empty();
	}

	private boolean consented(RefreshTokenFamilies.Member family, RegisteredClient client) {
		OAuth2AuthorizationConsent consent = this.consents.findById(client.getId(), family.principalName());
		if (consent == null) {
			return false;
		}
		Set<String> needed = family.authorizedScopes()
			.stream()
			.filter((scope) -> !scope.equals(OidcScopes.OPENID))
			.collect(Collectors.toSet());
		return consent.getScopes().containsAll(needed);
	}

}
