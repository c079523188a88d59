package dev.latchkey.auth.login;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Error details for our error page: the status and, for a refused authorization request,
 * the OAuth error code. Never the exception, its message or a stack trace.
 */
@Component
class ErrorPageAttributes extends DefaultErrorAttributes {

	/** Set by the protocol feature when it refuses an authorization request. */
	static final String OAUTH2_ERROR_ATTRIBUTE = "latchkey.oauth2.error";

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
		attributes.remove("path");
		Object oauth2Error = request.getAttribute(OAUTH2_ERROR_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (oauth2Error instanceof String code && code.matches("[a-z_]{1,40}")) {
			attributes.put("oauth2Error", code);
		}
		return attributes;
	}

}
