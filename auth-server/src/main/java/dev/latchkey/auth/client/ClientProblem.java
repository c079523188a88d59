package dev.latchkey.auth.client;

import java.util.List;

/**
 * One thing wrong with a client registration.
 *
 * @param field the field, named as in RFC 7591 ({@code redirect_uris},
 * {@code client_name}, ...), also the form field's name
 * @param code the message code ({@code messages.properties}) that explains it
 * @param arguments the message arguments
 */
public record ClientProblem(String field, String code, List<Object> arguments) {

	public ClientProblem {
		arguments = List.copyOf(arguments);
	}

	static ClientProblem of(String field, String code, Object... arguments) {
		return new ClientProblem(field, code, List.of(arguments));
	}

	public Object[] argumentArray() {
		return this.arguments.toArray();
	}

}
