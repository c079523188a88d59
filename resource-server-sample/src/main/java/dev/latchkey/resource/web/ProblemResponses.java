package dev.latchkey.resource.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error an endpoint raises as an RFC 9457 problem detail: Spring MVC's own (400,
 * 404, 405, 406, 415, ...) as the framework words them, invalid fields listed under
 * {@code errors}, bodies over the limit as 413, and anything unexpected as a 500 that
 * tells nothing of the cause.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("The request body has invalid fields.");
		problem.setProperty("errors",
				ex.getFieldErrors()
					.stream()
					.map((error) -> Map.of("field", error.getField(), "message",
							(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid"))
					.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		BodySizeLimit.BodyTooLargeException tooLarge = cause(ex, BodySizeLimit.BodyTooLargeException.class);
		if (tooLarge != null) {
			ProblemDetail problem = BodySizeLimit.tooLarge(tooLarge.maxBytes());
			return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not a JSON document of the expected shape.");
		JacksonException json = cause(ex, JacksonException.class);
		if (json != null && !json.getPath().isEmpty()) {
			problem.setProperty("errors", List.of(Map.of("field", field(json.getPath()), "message",
					"is missing, of the wrong type, or not allowed here")));
		}
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return ResponseEntity.internalServerError()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"The request failed unexpectedly; the API's log has the details."));
	}

	private static String field(List<JacksonException.Reference> path) {
		return path.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

	private static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
