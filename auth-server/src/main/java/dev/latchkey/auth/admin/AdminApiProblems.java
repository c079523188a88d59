package dev.latchkey.auth.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refused admin API requests as RFC 9457 problem details: 400 with the fields at fault
 * ({@code errors}, each a field and a message in the request's language). Never an
 * exception's own text. Other statuses (401, 403, 404, 405) come from the error pages.
 */
@RestControllerAdvice(annotations = AdminApi.class)
final class AdminApiProblems {

	private final MessageSource messages;

	AdminApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(AdminRequestException ex, Locale locale) {
		return badRequest(ex.problems()
			.stream()
			.map((problem) -> Map.of("field", problem.field(), "message",
					this.messages.getMessage(problem.code(), problem.arguments().toArray(), problem.code(), locale)))
			.toList(), locale);
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			MissingServletRequestParameterException.class })
	ResponseEntity<ProblemDetail> unreadable(Exception ex, Locale locale) {
		String field = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: (ex instanceof MissingServletRequestParameterException missing) ? missing.getParameterName() : "body";
		return badRequest(List.of(Map.of("field", field, "message",
				this.messages.getMessage("admin.api.unreadable", null, "The request could not be read.", locale))),
				locale);
	}

	private ResponseEntity<ProblemDetail> badRequest(List<Map<String, String>> errors, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
		problem
			.setDetail(this.messages.getMessage("admin.api.invalid", null, "The request has invalid fields.", locale));
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
