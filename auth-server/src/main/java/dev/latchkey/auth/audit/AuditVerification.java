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
 */
public record AuditVerification(boolean intact, long rowsChecked, @Nullable Long firstBrokenId,
		@Nullable String problem) {

	static AuditVerification ok(long rows) {
		return new AuditVerification(true, rows, null, null);
	}

	static AuditVerification broken(long rows, long id, String problem) {
		return new AuditVerification(false, rows, id, problem);
	}

}
