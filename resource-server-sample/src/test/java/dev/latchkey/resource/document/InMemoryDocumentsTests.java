package dev.latchkey.resource.document;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InMemoryDocumentsTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void createWhenAtCapacityThenInsufficientStorageUntilOneIsDeleted() {
		InMemoryDocuments documents = new InMemoryDocuments(this.clock, new DocumentProperties(2));
		Document first = documents.create(new DocumentForm("a", ""), "owner");
		documents.create(new DocumentForm("b", ""), "owner");

		assertThatExceptionOfType(DocumentStoreFullException.class)
			.isThrownBy(() -> documents.create(new DocumentForm("c", ""), "owner"))
			.satisfies((full) -> assertThat(full.getStatusCode().value()).isEqualTo(507));

		documents.delete(first.id());
		assertThat(documents.create(new DocumentForm("c", ""), "owner").id()).isEqualTo(3);
	}

	@Test
	void replaceWhenExistingThenKeepsOwnerAndCreationTime() {
		InMemoryDocuments documents = new InMemoryDocuments(this.clock, new DocumentProperties(10));
		Document created = documents.create(new DocumentForm("a", "x"), "owner");
		Document replaced = documents.replace(created.id(), new DocumentForm("b", "y"));
		assertThat(replaced)
			.isEqualTo(new Document(created.id(), "b", "y", "owner", created.createdAt(), this.clock.instant()));
		assertThat(documents.find(created.id())).contains(replaced);
	}

	@Test
	void replaceOrDeleteWhenUnknownThenNotFound() {
		InMemoryDocuments documents = new InMemoryDocuments(this.clock, new DocumentProperties(10));
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> documents.replace(42, new DocumentForm("b", "y")))
			.satisfies((missing) -> assertThat(missing.getStatusCode().value()).isEqualTo(404));
		assertThatExceptionOfType(DocumentNotFoundException.class).isThrownBy(() -> documents.delete(42));
	}

}
