package dev.latchkey.auth.password;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A checked request to give an account a new password: either accepted, holding the new
 * hash ready to store, or refused with the reasons by form field.
 */
public final class PasswordChange {

	private final UUID accountId;

	private final FormErrors errors;

	private final @Nullable String newHash;

	PasswordChange(UUID accountId, FormErrors errors, @Nullable String newHash) {
		this.accountId = accountId;
		this.errors = errors;
		this.newHash = newHash;
	}

	public UUID accountId() {
		return this.accountId;
	}

	public boolean accepted() {
		return this.errors.isEmpty() && this.newHash != null;
	}

	public FormErrors errors() {
		return this.errors;
	}

	String newHash() {
		if (this.newHash == null) {
			throw new IllegalStateException("The password change was refused");
		}
		return this.newHash;
	}

	@Override
	public String toString() {
		return "PasswordChange[accountId=" + this.accountId + ", accepted=" + accepted() + "]";
	}

}
