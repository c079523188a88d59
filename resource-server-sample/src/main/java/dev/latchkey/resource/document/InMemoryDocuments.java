package dev.latchkey.resource.document;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * The documents, in memory and gone at restart: a sample needs no database.
 */
@Component
final class InMemoryDocuments {

	private final ConcurrentSkipListMap<Long, Document> documents = new ConcurrentSkipListMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final Clock clock;

	private final int capacity;

	InMemoryDocuments(Clock clock, DocumentProperties properties) {
		this.clock = clock;
		this.capacity = properties.capacity();
	}

	List<Document> findAll() {
		return List.copyOf(this.documents.values());
	}

	Optional<Document> find(long id) {
		return Optional.ofNullable(this.documents.get(id));
	}

	synchronized Document create(DocumentForm form, String owner) {
		if (this.documents.size() >= this.capacity) {
			throw new DocumentStoreFullException(this.capacity);
		}
		Instant now = this.clock.instant();
		Document document = new Document(this.ids.incrementAndGet(), form.title(), form.content(), owner, now, now);
		this.documents.put(document.id(), document);
		return document;
	}

	Document replace(long id, DocumentForm form) {
		Document replaced = this.documents.computeIfPresent(id,
				(key, document) -> document.replacedBy(form, this.clock.instant()));
		if (replaced == null) {
			throw new DocumentNotFoundException(id);
		}
		return replaced;
	}

	void delete(long id) {
		if (this.documents.remove(id) == null) {
			throw new DocumentNotFoundException(id);
		}
	}

}
