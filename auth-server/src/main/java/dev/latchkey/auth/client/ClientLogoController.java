package dev.latchkey.auth.client;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves client logos at a stable URL, for the consent page: the stored type only,
 * {@code nosniff}, and a CSP that lets nothing run even if a browser opened the image as
 * a document.
 */
@Controller
class ClientLogoController {

	static final String CSP = "default-src 'none'; sandbox";

	private final ClientLogos logos;

	ClientLogoController(ClientLogos logos) {
		this.logos = logos;
	}

	@GetMapping("/clients/{clientId}/logo")
	ResponseEntity<byte[]> logo(@PathVariable String clientId, HttpServletResponse response) {
		// Replaces the page CSP the security headers filter set.
		response.setHeader("Content-Security-Policy", CSP);
		return this.logos.find(clientId)
			.map((logo) -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(logo.contentType()))
				.header("X-Content-Type-Options", "nosniff")
				.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
				.eTag("\"" + logo.sha256() + "\"")
				.body(logo.image()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
