package dev.latchkey.auth.audit;

import java.util.List;

/**
 * One page of audit entries, newest first.
 *
 * @param entries the entries
 * @param page this page's number, from 0
 * @param size the page size asked for
 * @param hasNext whether older entries follow
 */
public record AuditPage(List<AuditEntry> entries, int page, int size, boolean hasNext) {

	public AuditPage {
		entries = List.copyOf(entries);
	}

}
