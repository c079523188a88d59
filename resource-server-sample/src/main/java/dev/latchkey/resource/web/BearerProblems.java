package dev.latchkey.resource.web;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latchkey.resource.permission.PermissionDecision;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Answers refused requests the RFC 6750 way, with an RFC 9457 problem detail as the body
 * and the RFC 9728 metadata URL in {@code WWW-Authenticate}:
 * <ul>
 * <li>no token: 401, {@code Bearer resource_metadata=...} (no error code, RFC 6750
 * section 3.1);</li>
 * <li>a bad token: 401, {@code error="invalid_token"}; why it was refused is logged at
 * debug level, not told to the caller;</li>
 * <li>a malformed request (several tokens): 400, {@code error="invalid_request"};</li>
 * <li>a missing permission: 403, {@code error="insufficient_scope"} with the scopes that
 * would allow it;</li>
 * <li>the issuer's keys unreachable: 503 with {@code Retry-After}, since the token may
 * well be good.</li>
 * </ul>
 */
final class BearerProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(BearerProblems.class);

	private final ProblemWriter problems;

	private final Duration retryAfter;

	BearerProblems(ProblemWriter problems, Duration retryAfter) {
		this.problems = problems;
		this.retryAfter = retryAfter;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		Map<String, String> challenge = new LinkedHashMap<>();
		ProblemDetail problem;
		if (failure instanceof OAuth2AuthenticationException refused) {
			logger.debug("Refused a bearer token on {} {}: {}", request.getMethod(), request.getRequestURI(),
					failure.getMessage());
			if (refused.getError() instanceof BearerTokenError error
					&& OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode())) {
				challenge.put("error", OAuth2ErrorCodes.INVALID_REQUEST);
				challenge.put("error_description", "Send exactly one access token, in the Authorization header");
				problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						"Send exactly one access token, in the Authorization header.");
			}
			else {
				challenge.put("error", OAuth2ErrorCodes.INVALID_TOKEN);
				challenge.put("error_description", "The access token is not valid for this API");
				problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
						"The access token is malformed, expired, not yet valid, wrongly signed, "
								+ "or not issued for this API by its trusted issuer.");
			}
		}
		else {
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"This endpoint requires an access token: send it as 'Authorization: Bearer <token>'.");
		}
		challenge.put("resource_metadata", metadataUrl(request));
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, bearer(challenge));
		this.problems.write(request, response, problem);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Map<String, String> challenge = new LinkedHashMap<>();
		challenge.put("error", OAuth2ErrorCodes.INSUFFICIENT_SCOPE);
		challenge.put("error_description", "The access token does not grant the permission this request requires");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"The access token does not grant the permission this request requires.");
		if (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof PermissionDecision decision) {
			if (!decision.scopesAllowing().isEmpty()) {
				challenge.put("scope", String.join(" ", decision.scopesAllowing()));
			}
			problem.setDetail("The access token does not grant the '" + decision.permission().value()
					+ "' permission this request requires.");
			problem.setProperty("permission", decision.permission().value());
		}
		challenge.put("resource_metadata", metadataUrl(request));
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, bearer(challenge));
		this.problems.write(request, response, problem);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		if (failure instanceof AuthenticationServiceException) {
			logger.warn("Cannot verify access tokens: {}", failure.getMessage());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.retryAfter.toSeconds())));
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The API cannot fetch its token issuer's signing keys to verify the access token; try again shortly.");
			this.problems.write(request, response, problem);
			return;
		}
		commence(request, response, failure);
	}

	private static String metadataUrl(HttpServletRequest request) {
		return ServletUriComponentsBuilder.fromContextPath(request)
			.replacePath(request.getContextPath() + "/.well-known/oauth-protected-resource")
			.replaceQuery(null)
			.build()
			.toUriString();
	}

	private static String bearer(Map<String, String> parameters) {
		return "Bearer " + parameters.entrySet()
			.stream()
			.map((parameter) -> parameter.getKey() + "=\""
					+ parameter.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(", "));
	}

}
