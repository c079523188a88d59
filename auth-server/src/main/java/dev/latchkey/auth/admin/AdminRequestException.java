package dev.latchkey.auth.admin;

import java.util.List;

/**
 * A console or API request with invalid input: nothing was stored. Each problem names the
 * field and a message code of the bundles (with its arguments), so the API answers a 400
 * problem details document listing them and the console shows them next to the fields.
 */
public final class AdminRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldProblem> problems;

	/**
	 * Creates the exception.
	 * @param problems what is wrong, at least one
	 */
	public AdminRequestException(List<FieldProblem> problems) {
		super("Invalid request: " + problems.stream().map(FieldProblem::field).toList());
		this.problems = List.copyOf(problems);
	}

	/**
	 * One field's problem.
	 * @param field the field
	 * @param code the message code
	 * @param arguments its arguments
	 * @return the exception
	 */
	public static AdminRequestException of(String field, String code, Object... arguments) {
		return new AdminRequestException(List.of(new FieldProblem(field, code, List.of(arguments))));
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

	/**
	 * A problem with one field.
	 *
	 * @param field the field's name (in the API's JSON and the console's form)
	 * @param code the message code in the bundles
	 * @param arguments the message's arguments
	 */
	public record FieldProblem(String field, String code, List<Object> arguments) {

		public FieldProblem {
			arguments = List.copyOf(arguments);
		}

	}

}
