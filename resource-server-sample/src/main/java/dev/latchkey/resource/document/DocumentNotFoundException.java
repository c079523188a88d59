package dev.latchkey.resource.document;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No document has the id asked for; answered 404 as a problem detail.
 */
final class DocumentNotFoundException extends ErrorResponseException {

	DocumentNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No document has id " + id + ".");
		problem.setTitle("Document not found");
		return problem;
	}

}
