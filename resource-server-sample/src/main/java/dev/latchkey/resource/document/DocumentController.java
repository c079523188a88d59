package dev.latchkey.resource.document;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The document endpoints. The permission each requires is checked before the request gets
 * here (see the web package's security configuration), so this class holds no access
 * rules.
 */
@RestController
@RequestMapping(path = "/api/documents", produces = MediaType.APPLICATION_JSON_VALUE)
class DocumentController {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final InMemoryDocuments documents;

	DocumentController(InMemoryDocuments documents) {
		this.documents = documents;
	}

	@GetMapping
	List<Document.Summary> list() {
		return this.documents.findAll().stream().map(Document::summary).toList();
	}

	@GetMapping("/{id}")
	Document get(@PathVariable long id) {
		return this.documents.find(id).orElseThrow(() -> new DocumentNotFoundException(id));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Document> create(@Valid @RequestBody DocumentForm form, Principal principal) {
		Document created = this.documents.create(form, principal.getName());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Document replace(@PathVariable long id, @Valid @RequestBody DocumentForm form) {
		return this.documents.replace(id, form);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.documents.delete(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping(path = "/export", produces = "text/csv")
	ResponseEntity<String> export() {
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("documents.csv").build().toString())
			.body(DocumentCsv.of(this.documents.findAll()));
	}

}
