package dev.latchkey.auth.password;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of a submitted form, by field, as message codes for the page to show next
 * to each field and in the error summary.
 */
public final class FormErrors {

	private final Map<String, List<Message>> byField = new LinkedHashMap<>();

	/**
	 * Records a problem.
	 * @param field the form field's name (also its element id)
	 * @param code the message code
	 * @param arguments the message arguments
	 * @return these errors
	 */
	public FormErrors add(String field, String code, Object... arguments) {
		this.byField.computeIfAbsent(field, (name) -> new ArrayList<>()).add(new Message(code, List.of(arguments)));
		return this;
	}

	public boolean isEmpty() {
		return this.byField.isEmpty();
	}

	public boolean has(String field) {
		return this.byField.containsKey(field);
	}

	public List<Message> of(String field) {
		return List.copyOf(this.byField.getOrDefault(field, List.of()));
	}

	/**
	 * Every problem in form order, for the error summary.
	 * @return the problems with their fields
	 */
	public List<FieldMessage> getAll() {
		List<FieldMessage> all = new ArrayList<>();
		this.byField
			.forEach((field, messages) -> messages.forEach((message) -> all.add(new FieldMessage(field, message))));
		return all;
	}

	/**
	 * A message code and its arguments.
	 *
	 * @param code the message code
	 * @param arguments the arguments
	 */
	public record Message(String code, List<Object> arguments) {

		public Message {
			arguments = List.copyOf(arguments);
		}

		public Object[] getArgumentArray() {
			return this.arguments.toArray();
		}

	}

	/**
	 * A problem of one field.
	 *
	 * @param field the field's name
	 * @param message the problem
	 */
	public record FieldMessage(String field, Message message) {

	}

}
