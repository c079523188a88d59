package dev.latchkey.resource.document;

import java.util.List;

/**
 * Documents as RFC 4180 CSV. A cell that a spreadsheet would read as a formula gets a
 * leading apostrophe, so an export opened in a spreadsheet cannot run what a client
 * stored (CSV injection).
 */
final class DocumentCsv {

	static final String HEADER = "id,title,owner,created_at,updated_at,content";

	private DocumentCsv() {
	}

	static String of(List<Document> documents) {
		StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
		for (Document document : documents) {
			csv.append(document.id())
				.append(',')
				.append(cell(document.title()))
				.append(',')
				.append(cell(document.owner()))
				.append(',')
				.append(document.createdAt())
				.append(',')
				.append(document.updatedAt())
				.append(',')
				.append(cell(document.content()))
				.append("\r\n");
		}
		return csv.toString();
	}

	static String cell(String value) {
		String safe = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (safe.chars().anyMatch((c) -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}

}
