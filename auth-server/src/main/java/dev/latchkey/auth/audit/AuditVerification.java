package dev.latchkey.auth.audit;

import org.jspecify.annotations.Nullable;

/**
 * What a check of the hash chain found.
 *
 * @param intact whether every row is as it was written
 * @param rowsChecked how many rows were read
 * @param firstBrokenId the id of the first row that does not fit the chain (changed, or
 * after a gap or an insertion), if any
 * @param problem what is wrong with it, in words
 * @param head when intact, the newest entry as an anchor ({@code ID:HASH}) to keep
 * outside the database and check against later ({@link AuditAnchor})
 */
public record AuditVerification(boolean intact, long rowsChecked, @Nullable Long firstBrokenId,
		@Nullable String problem, @Nullable String head) {

	static AuditVerification ok(long rows, @Nullable AuditAnchor head) {
		return new AuditVerification(true, rows, null, null, (head != null) ? head.toString() : null);
	}

	static AuditVerification broken(long rows, long id, String problem) {
		return new AuditVerification(false, rows, id, problem, null);
	}

}
