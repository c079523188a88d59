package dev.latchkey.resource.document;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentCsvTests {

	private static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");

	@Test
	void ofWhenPlainValuesThenOneLinePerDocumentWithCrlf() {
		String csv = DocumentCsv.of(List.of(new Document(1, "Plan", "Text", "account-1", AT, AT)));
		assertThat(csv).isEqualTo("id,title,owner,created_at,updated_at,content\r\n"
				+ "1,Plan,account-1,2026-01-01T10:00:00Z,2026-01-01T10:00:00Z,Text\r\n");
	}

	@Test
	void cellWhenSeparatorsQuotesOrLineBreaksThenQuotedAndQuotesDoubled() {
		assertThat(DocumentCsv.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(DocumentCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(DocumentCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(DocumentCsv.cell("")).isEmpty();
	}

	@Test
	void cellWhenSpreadsheetWouldReadAFormulaThenNeutralised() {
		assertThat(DocumentCsv.cell("=1+1")).isEqualTo("'=1+1");
		assertThat(DocumentCsv.cell("+SUM(A1)")).isEqualTo("'+SUM(A1)");
		assertThat(DocumentCsv.cell("-2")).isEqualTo("'-2");
		assertThat(DocumentCsv.cell("@cmd")).isEqualTo("'@cmd");
		assertThat(DocumentCsv.cell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
		assertThat(DocumentCsv.cell("a=1")).isEqualTo("a=1");
	}

}
