package dev.latchkey.resource.document;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST} and {@code PUT}: a title of one line up to 200 characters and
 * content up to 50,000 characters (the whole body is limited to 64 KB before this).
 */
record DocumentForm(
		@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "must be a single line without control characters") String title,
		@NotNull @Size(max = 50_000) String content) {
}
