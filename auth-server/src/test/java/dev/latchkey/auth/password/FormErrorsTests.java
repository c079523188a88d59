package dev.latchkey.auth.password;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form errors keep each field's problems, in the order the form reported them.
 */
class FormErrorsTests {

	@Test
	void addWhenSeveralFieldsThenEachFieldsOwnAndAllInFormOrder() {
		FormErrors errors = new FormErrors().add("newPassword", "password.tooShort", 12, 5)
			.add("confirmation", "password.confirmation.mismatch")
			.add("newPassword", "password.blocked");
		assertThat(errors.isEmpty()).isFalse();
		assertThat(errors.has("newPassword")).isTrue();
		assertThat(errors.has("currentPassword")).isFalse();
		assertThat(errors.of("newPassword")).extracting(FormErrors.Message::code)
			.containsExactly("password.tooShort", "password.blocked");
		assertThat(errors.of("newPassword").get(0).getArgumentArray()).containsExactly(12, 5);
		assertThat(errors.of("currentPassword")).isEmpty();
		assertThat(errors.getAll()).extracting(FormErrors.FieldMessage::field)
			.containsExactly("newPassword", "newPassword", "confirmation");
	}

	@Test
	void addWhenNothingAddedThenEmpty() {
		FormErrors errors = new FormErrors();
		assertThat(errors.isEmpty()).isTrue();
		assertThat(errors.getAll()).isEmpty();
	}

	@Test
	void ofWhenCallerChangesTheListThenErrorsUnchanged() {
		FormErrors errors = new FormErrors().add("newPassword", "password.required");
		List<FormErrors.Message> copy = errors.of("newPassword");
		assertThat(copy).hasSize(1);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> copy.add(new FormErrors.Message("x", List.of())));
		assertThat(errors.of("newPassword")).hasSize(1);
	}

}
