package dev.latchkey.auth.login;

import java.util.Map;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error: our own page for browsers, RFC 9457 problem details for API clients.
 * Neither ever shows an exception, its message or a stack trace.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
@SuppressFBWarnings(value = "SPRING_CSRF_UNRESTRICTED_REQUEST_MAPPING",
		justification = "The error pages answer every HTTP method: the container's error dispatch keeps the failed "
				+ "request's method, so a failed POST must reach them too. They only render and change nothing, "
				+ "so there is nothing to forge")
class ErrorPages implements ErrorController {

	private final ErrorAttributes errorAttributes;

	ErrorPages(ErrorAttributes errorAttributes) {
		this.errorAttributes = errorAttributes;
	}

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(HttpServletRequest request) {
		if (isApi(request)) {
			return new ModelAndView("forward:/error/problem");
		}
		Map<String, Object> attributes = attributes(request);
		HttpStatus status = status(attributes);
		ModelAndView page = new ModelAndView("error", attributes, status);
		page.addObject("status", status.value());
		return page;
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
		Map<String, Object> attributes = attributes(request);
		HttpStatus status = status(attributes);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(status.getReasonPhrase());
		Object oauth2Error = attributes.get("oauth2Error");
		if (oauth2Error != null) {
			problem.setProperty("error", oauth2Error);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@RequestMapping(path = "/problem")
	ResponseEntity<ProblemDetail> forwardedProblem(HttpServletRequest request) {
		return problem(request);
	}

	private Map<String, Object> attributes(HttpServletRequest request) {
		return this.errorAttributes.getErrorAttributes(new ServletWebRequest(request),
				ErrorAttributeOptions.defaults());
	}

	private static HttpStatus status(Map<String, Object> attributes) {
		Object status = attributes.get("status");
		HttpStatus resolved = (status instanceof Integer code) ? HttpStatus.resolve(code) : null;
		return (resolved != null) ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/**
	 * Paths that are APIs whatever the client accepts.
	 */
	private static boolean isApi(HttpServletRequest request) {
		Object path = request.getAttribute("jakarta.servlet.error.request_uri");
		String uri = (path instanceof String value) ? value : request.getRequestURI();
		return uri.startsWith("/api/") || uri.startsWith("/admin/api") || uri.startsWith("/userinfo")
				|| uri.equals("/oauth2/token") || uri.equals("/oauth2/introspect") || uri.equals("/oauth2/revoke")
				|| uri.equals("/oauth2/jwks");
	}

}
