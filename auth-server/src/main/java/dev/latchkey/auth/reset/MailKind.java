package dev.latchkey.auth.reset;

/**
 * The mails Latchkey sends, each with its message-code prefix and template name.
 */
enum MailKind {

	/** A link to choose a new password. */
	PASSWORD_RESET("mail.reset", "password-reset"),

	/** The notice that the password was changed. */
	PASSWORD_CHANGED("mail.changed", "password-changed"),

	/** The notice that the account was locked after failed sign-ins (lockout feature). */
	ACCOUNT_LOCKED("mail.locked", "account-locked");

	private final String messagePrefix;

	private final String template;

	MailKind(String messagePrefix, String template) {
		this.messagePrefix = messagePrefix;
		this.template = template;
	}

	String subjectCode() {
		return this.messagePrefix + ".subject";
	}

	String template() {
		return this.template;
	}

}
