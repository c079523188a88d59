package dev.latchkey.auth.authorization;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import dev.latchkey.auth.account.AccountSummary;
import dev.latchkey.auth.account.Role;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What goes into Latchkey's JWTs (DESIGN.md section 3): access tokens as RFC 9068
 * {@code at+jwt} signed ES256 with {@code client_id}, {@code scope}, an audience derived
 * from the scopes and, for users, their current {@code roles}; ID tokens with the
 * standard claims the scopes allow, valid for 10 minutes.
 */
@Component
final class TokenContents implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final Duration ID_TOKEN_TTL = Duration.ofMinutes(10);

	private final TokenRequestAccounts accounts;

	private final ResourceAudiences audiences;

	private final TokenMetrics metrics;

	TokenContents(TokenRequestAccounts accounts, ResourceAudiences audiences, TokenMetrics metrics) {
		this.metrics = metrics;
		this.accounts = accounts;
		this.audiences = audiences;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			customizeAccessToken(context);
		}
		else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			customizeIdToken(context);
		}
	}

	private void customizeAccessToken(JwtEncodingContext context) {
		this.metrics.accessTokenIssued(context.getAuthorizationGrantType().getValue());
		context.getJwsHeader().algorithm(SignatureAlgorithm.ES256).type("at+jwt");
		Set<String> scopes = context.getAuthorizedScopes();
		String clientId = context.getRegisteredClient().getClientId();
		// Claims are stored with the authorization as typed JSON; the framework's Jackson
		// allow-list accepts ArrayList but not the JDK's immutable lists.
		context.getClaims()
			.claim("client_id", clientId)
			.audience(new ArrayList<>(this.audiences.audiences(scopes, clientId)))
			.claims((claims) -> claims.remove("scope"));
		if (!scopes.isEmpty()) {
			context.getClaims().claim("scope", String.join(" ", scopes.stream().sorted().toList()));
		}
		bindToDPoPKey(context);
		account(context).ifPresent((account) -> context.getClaims()
			.claim("roles",
					account.roles()
						.stream()
						.map(Role::name)
						.sorted()
						.collect(Collectors.toCollection(ArrayList::new))));
	}

	/**
	 * Binds the access token to the client's DPoP key (RFC 9449, section 6). The
	 * framework's default JWT customizer does this, but Latchkey's token generator
	 * replaces the default one (see TokenLifecycleConfiguration).
	 */
	private static void bindToDPoPKey(JwtEncodingContext context) {
		Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
		if (proof == null) {
			return;
		}
		try {
			@SuppressWarnings("unchecked")
			JWK key = JWK.parse((Map<String, Object>) proof.getHeaders().get("jwk"));
			Map<String, Object> confirmation = new HashMap<>();
			confirmation.put("jkt", key.computeThumbprint().toString());
			context.getClaims().claim("cnf", confirmation);
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
					"The jwk header of the DPoP proof is missing or invalid", null), ex);
		}
	}

	private void customizeIdToken(JwtEncodingContext context) {
		Instant issuedAt = context.getClaims().build().getIssuedAt();
		if (issuedAt != null) {
			context.getClaims().expiresAt(issuedAt.plus(ID_TOKEN_TTL));
		}
		account(context).ifPresent((account) -> StandardClaims.of(account, context.getAuthorizedScopes())
			.forEach((name, value) -> context.getClaims().claim(name, value)));
	}

	private Optional<AccountSummary> account(JwtEncodingContext context) {
		Authentication principal = context.getPrincipal();
		if (principal instanceof OAuth2ClientAuthenticationToken) {
			return Optional.empty();
		}
		return this.accounts.findBySubject(principal.getName());
	}

}
