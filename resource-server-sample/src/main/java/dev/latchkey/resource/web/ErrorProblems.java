package dev.latchkey.resource.web;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the servlet container, a filter's {@code sendError})
 * as problem details too, in place of Spring Boot's error page.
 */
@RestController
class ErrorProblems implements ErrorController {

	@RequestMapping("/error")
	@SuppressFBWarnings(value = "SPRING_CSRF_UNRESTRICTED_REQUEST_MAPPING",
			justification = "The error dispatch keeps the failed request's method, so every method must reach it; "
					+ "it changes nothing, and the API takes bearer tokens, never cookies")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatusCode status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
				&& code >= 400 && code < 600) ? HttpStatusCode.valueOf(code) : HttpStatus.NOT_FOUND;
		ProblemDetail problem = ProblemDetail.forStatus(status);
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			problem.setInstance(ProblemWriter.instance(path));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
