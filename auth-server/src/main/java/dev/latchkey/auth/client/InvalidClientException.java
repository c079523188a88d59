package dev.latchkey.auth.client;

import java.util.List;

/**
 * A client registration or change was refused; nothing was stored. The problems say what
 * to correct, each with its field and a message code.
 */
public class InvalidClientException extends RuntimeException {

	private final List<ClientProblem> problems;

	public InvalidClientException(List<ClientProblem> problems) {
		super("Invalid client: " + problems.stream().map((p) -> p.field() + " " + p.code()).toList());
		this.problems = List.copyOf(problems);
	}

	public List<ClientProblem> problems() {
		return this.problems;
	}

}
