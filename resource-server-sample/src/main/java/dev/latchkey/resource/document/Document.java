package dev.latchkey.resource.document;

import java.time.Instant;

/**
 * A stored document.
 *
 * @param id assigned by the store, never reused
 * @param title a single line of text
 * @param content the text
 * @param owner the subject of the token that created it
 * @param createdAt when it was created
 * @param updatedAt when it was last replaced
 */
record Document(long id, String title, String content, String owner, Instant createdAt, Instant updatedAt) {

	Document replacedBy(DocumentForm form, Instant at) {
		return new Document(this.id, form.title(), form.content(), this.owner, this.createdAt, at);
	}

	Summary summary() {
		return new Summary(this.id, this.title, this.owner, this.createdAt, this.updatedAt);
	}

	/**
	 * A document without its content, as the list shows it.
	 */
	record Summary(long id, String title, String owner, Instant createdAt, Instant updatedAt) {
	}

}
