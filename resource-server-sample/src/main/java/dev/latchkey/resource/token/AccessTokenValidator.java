package dev.latchkey.resource.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The claims of an RFC 9068 access token from Latchkey: the configured issuer and
 * audience, {@code exp} and {@code iat} present and {@code exp}, {@code nbf} and
 * {@code iat} within the clock skew, {@code sub}, {@code client_id} and {@code jti} as
 * non-blank strings, {@code scope} a string and {@code roles} an array of strings when
 * present. A token with a claim of the wrong shape is refused rather than half-read.
 */
final class AccessTokenValidator implements OAuth2TokenValidator<Jwt> {

	/**
	 * Checked before the signature: only access tokens, never ID tokens or other JWTs.
	 */
	static final JOSEObjectTypeVerifier<SecurityContext> TYPE = new DefaultJOSEObjectTypeVerifier<>(
			new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

	private static final List<String> REQUIRED_STRINGS = List.of("sub", "client_id", "jti");

	private final List<OAuth2TokenValidator<Jwt>> validators;

	private final Clock clock;

	private final Duration clockSkew;

	AccessTokenValidator(TokenProperties properties, Clock clock) {
		JwtTimestampValidator lifetime = new JwtTimestampValidator(properties.clockSkew());
		lifetime.setClock(clock);
		lifetime.setAllowEmptyExpiryClaim(false);
		this.validators = List.of(lifetime, new JwtIssuerValidator(properties.issuer().toString()),
				new JwtAudienceValidator(properties.audience()));
		this.clock = clock;
		this.clockSkew = properties.clockSkew();
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<OAuth2Error> errors = new ArrayList<>();
		for (OAuth2TokenValidator<Jwt> validator : this.validators) {
			errors.addAll(validator.validate(token).getErrors());
		}
		// Not JwtIssuedAtValidator: it also refuses tokens issued over the skew ago
		// (right for DPoP proofs, wrong for access tokens that live 10 minutes).
		Instant issuedAt = token.getIssuedAt();
		if (issuedAt == null || issuedAt.isAfter(this.clock.instant().plus(this.clockSkew))) {
			errors.add(invalid("The iat claim is missing or in the future"));
		}
		addShapeErrors(token, errors);
		return OAuth2TokenValidatorResult.failure(errors);
	}

	/**
	 * Refuses claims of the wrong type rather than reading half of them.
	 */
	private static void addShapeErrors(Jwt token, List<OAuth2Error> errors) {
		for (String claim : REQUIRED_STRINGS) {
			if (!(token.getClaims().get(claim) instanceof String value) || value.isBlank()) {
				errors.add(invalid("The " + claim + " claim is missing or not a string"));
			}
		}
		Object scope = token.getClaims().get("scope");
		if (scope != null && !(scope instanceof String)) {
			errors.add(invalid("The scope claim is not a space-separated string"));
		}
		Object roles = token.getClaims().get("roles");
		if (roles != null
				&& !(roles instanceof Collection<?> names && names.stream().allMatch(String.class::isInstance))) {
			errors.add(invalid("The roles claim is not an array of strings"));
		}
	}

	private static OAuth2Error invalid(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
	}

}
