package dev.latchkey.auth.login;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Error details for our error page: the status and, for a refused authorization request,
 * the OAuth error code; for a rate-limited request, how long to wait. Never the
 * exception, its message or a stack trace.
 */
@Component
class ErrorPageAttributes extends DefaultErrorAttributes {

	/** Set by the protocol feature when it refuses an authorization request. */
	static final String OAUTH2_ERROR_ATTRIBUTE = "latchkey.oauth2.error";

	/**
	 * Set by the lockout feature on a 429 answer: the seconds of its {@code Retry-After}.
	 */
	static final String RETRY_AFTER_ATTRIBUTE = "latchkey.retry-after";

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
		attributes.remove("path");
		Object oauth2Error = request.getAttribute(OAUTH2_ERROR_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (oauth2Error instanceof String code && code.matches("[a-z_]{1,40}")) {
			attributes.put("oauth2Error", code);
		}
		Object retryAfter = request.getAttribute(RETRY_AFTER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (retryAfter instanceof Long seconds && seconds > 0) {
			attributes.put("retryAfterMinutes", (seconds + 59) / 60);
		}
		return attributes;
	}

}
