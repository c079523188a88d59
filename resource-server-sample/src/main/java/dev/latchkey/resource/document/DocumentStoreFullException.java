package dev.latchkey.resource.document;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The store holds as many documents as it may; answered 507 as a problem detail.
 */
final class DocumentStoreFullException extends ErrorResponseException {

	DocumentStoreFullException(int capacity) {
		super(HttpStatus.INSUFFICIENT_STORAGE, problem(capacity), null);
	}

	private static ProblemDetail problem(int capacity) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE,
				"The sample store holds at most " + capacity + " documents; delete one first.");
		problem.setTitle("Document store full");
		return problem;
	}

}
