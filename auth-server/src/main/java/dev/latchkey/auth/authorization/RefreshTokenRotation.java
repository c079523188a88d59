package dev.latchkey.auth.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The refresh grant with token families (DESIGN.md section 4), around the framework's own
 * refresh provider, which still validates the request and issues the tokens.
 * <ul>
 * <li>Every refresh returns a new refresh token and spends the presented one.</li>
 * <li>A spent token presented again revokes its whole family and publishes
 * {@link RefreshTokenReuseDetected}, except a retry of the immediately previous token
 * within the retry window, which gets the same successor back (see
 * {@link RefreshRetrySeal}).</li>
 * <li>Before new tokens are issued, {@link RefreshEligibility} checks the family's
 * absolute lifetime and the user.</li>
 * </ul>
 * The family's row stays locked for the whole exchange, so concurrent refreshes of one
 * family run one after the other: a client that retries while its first request is still
 * running waits for it and then gets its result.
 */
@Component
final class RefreshTokenRotation {

	private static final Log logger = LogFactory.getLog(RefreshTokenRotation.class);

	private static final String INVALID_GRANT_DESCRIPTION = "The refresh token is invalid, expired or revoked";

	private final RefreshTokenFamilies families;

	private final RefreshEligibility eligibility;

	private final TransactionOperations transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration retryWindow;

	RefreshTokenRotation(RefreshTokenFamilies families, RefreshEligibility eligibility,
			TransactionOperations transactions, ApplicationEventPublisher events, Clock clock,
			TokenProperties properties) {
		this.families = families;
		this.eligibility = eligibility;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.retryWindow = properties.refreshRetryWindow();
	}

	/**
	 * Wraps the framework's refresh provider.
	 */
	AuthenticationProvider around(AuthenticationProvider frameworkProvider) {
		return new Provider(frameworkProvider);
	}

	private Outcome exchange(OAuth2RefreshTokenAuthenticationToken request, OAuth2ClientAuthenticationToken client,
			AuthenticationProvider frameworkProvider) {
		String presented = request.getRefreshToken();
		byte[] hash = TokenHash.of(presented);
		Optional<RefreshTokenFamilies.Member> found = this.families.lockFamilyOf(hash);
		if (found.isEmpty()) {
			return new Refused("unknown refresh token");
		}
		RefreshTokenFamilies.Member member = found.get();
		if (!member.registeredClientId().equals(client.getRegisteredClient().getId())) {
			return new Refused("refresh token of another client");
		}
		Instant now = this.clock.instant();
		if (member.spent()) {
			if (member.mayRetry(now)) {
				RefreshRetrySeal.Sealed sealed = RefreshRetrySeal.open(presented, member.authorizationId(),
						member.retryResponse());
				return new Issued(new OAuth2AccessTokenAuthenticationToken(client.getRegisteredClient(), client,
						sealed.toAccessToken(), sealed.toRefreshToken(), sealed.toAdditionalParameters()));
			}
			this.families.revoke(member.authorizationId());
			return new Reused(new RefreshTokenReuseDetected(member.authorizationId(),
					client.getRegisteredClient().getClientId(), member.principalName(), now));
		}
		Optional<String> refusal = this.eligibility.refusal(member, client.getRegisteredClient());
		if (refusal.isPresent()) {
			return new Refused(refusal.get());
		}
		OAuth2AccessTokenAuthenticationToken issued = (OAuth2AccessTokenAuthenticationToken) frameworkProvider
			.authenticate(request);
		this.families.rememberRetry(hash, RefreshRetrySeal.seal(presented, member.authorizationId(), issued),
				now.plus(this.retryWindow));
		return new Issued(issued);
	}

	private static OAuth2AuthenticationException invalidGrant() {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, INVALID_GRANT_DESCRIPTION, null));
	}

	private final class Provider implements AuthenticationProvider {

		private final AuthenticationProvider frameworkProvider;

		private Provider(AuthenticationProvider frameworkProvider) {
			this.frameworkProvider = frameworkProvider;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			OAuth2RefreshTokenAuthenticationToken request = (OAuth2RefreshTokenAuthenticationToken) authentication;
			if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
					|| !client.isAuthenticated()) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
			}
			Outcome outcome = RefreshTokenRotation.this.transactions.execute((status) -> {
				Outcome exchanged = exchange(request, client, this.frameworkProvider);
				if (exchanged instanceof Reused reused) {
					// In the transaction that revoked the family, so its audit record
					// commits with it.
					RefreshTokenRotation.this.events.publishEvent(reused.event());
				}
				return exchanged;
			});
			if (outcome instanceof Issued issued) {
				return issued.response();
			}
			if (outcome instanceof Reused reused) {
				// CAUTION: no token value in the log, only the family.
				logger.warn("A spent refresh token was presented again; revoked family "
						+ reused.event().authorizationId() + " of client " + reused.event().clientId());
			}
			else if (outcome instanceof Refused refused && logger.isDebugEnabled()) {
				logger.debug("Refresh refused: " + refused.reason());
			}
			throw invalidGrant();
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

	private sealed interface Outcome permits Issued, Refused, Reused {

	}

	private record Issued(OAuth2AccessTokenAuthenticationToken response) implements Outcome {
	}

	private record Refused(String reason) implements Outcome {
	}

	private record Reused(RefreshTokenReuseDetected event) implements Outcome {
	}

}
