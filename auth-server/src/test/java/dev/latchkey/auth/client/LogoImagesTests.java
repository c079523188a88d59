package dev.latchkey.auth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LogoImagesTests {

	@Test
	void processWhenPngThenReencodedPng() throws IOException {
		LogoImages.Processed processed = LogoImages.process(TestImages.png(120, 80));
		assertThat(processed.contentType()).isEqualTo("image/png");
		assertThat(processed.width()).isEqualTo(120);
		assertThat(ImageIO.read(new ByteArrayInputStream(processed.image())).getHeight()).isEqualTo(80);
	}

	@Test
	void processWhenJpegThenReencodedJpeg() throws IOException {
		LogoImages.Processed processed = LogoImages.process(TestImages.jpeg(64, 64));
		assertThat(processed.contentType()).isEqualTo("image/jpeg");
		assertThat(processed.image()).startsWith(0xff, 0xd8, 0xff);
		assertThat(ImageIO.read(new ByteArrayInputStream(processed.image())).getWidth()).isEqualTo(64);
	}

	@Test
	void processWhenWebpThenDecodedAndStoredAsPng() throws IOException {
		for (byte[] webp : new byte[][] { TestImages.webp(), TestImages.lossyWebp() }) {
			LogoImages.Processed processed = LogoImages.process(webp);
			assertThat(processed.contentType()).isEqualTo("image/png");
			assertThat(processed.width()).isEqualTo(48);
			assertThat(processed.height()).isEqualTo(32);
			assertThat(ImageIO.read(new ByteArrayInputStream(processed.image())).getWidth()).isEqualTo(48);
		}
	}

	@Test
	void processWhenTrailingMarkupThenDropped() {
		byte[] png = TestImages.png(16, 16);
		byte[] polyglot = new byte[png.length + 40];
		System.arraycopy(png, 0, polyglot, 0, png.length);
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(html, 0, polyglot, png.length, html.length);
		LogoImages.Processed processed = LogoImages.process(polyglot);
		assertThat(new String(processed.image(), StandardCharsets.ISO_8859_1)).doesNotContain("<script>");
	}

	@Test
	void processWhenSvgThenRefusedAsSvg() {
		assertProblem(TestImages.svg(), "client.error.logo.svg");
		assertProblem("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8),
				"client.error.logo.svg");
	}

	@Test
	void processWhenOtherTypeThenRefused() {
		assertProblem(TestImages.gif(), "client.error.logo.type");
		assertProblem("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "client.error.logo.type");
		assertProblem("<html><body>hi</body></html>".getBytes(StandardCharsets.US_ASCII), "client.error.logo.type");
		assertProblem(new byte[0], "client.error.logo.empty");
	}

	@Test
	void processWhenTooManyBytesThenRefused() {
		byte[] noisy = TestImages.noisyPng(400);
		assertThat(noisy.length).isGreaterThan(LogoImages.MAX_BYTES);
		assertProblem(noisy, "client.error.logo.tooLarge");
	}

	@Test
	void processWhenTooManyPixelsThenRefusedBeforeDecoding() {
		assertProblem(TestImages.png(1025, 10), "client.error.logo.dimensions");
		byte[] bomb = TestImages.pngBomb(1, 100_000);
		assertThat(bomb.length).isLessThan(LogoImages.MAX_BYTES);
		assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertProblem(bomb, "client.error.logo.dimensions"));
		byte[] wide = TestImages.pngBomb(100_000, 1);
		assertProblem(wide, "client.error.logo.dimensions");
	}

	@Test
	void processWhenMagicBytesButBrokenThenUnreadable() {
		byte[] png = TestImages.png(32, 32);
		byte[] truncated = java.util.Arrays.copyOf(png, 40);
		assertProblem(truncated, "client.error.logo.unreadable");
		byte[] webpHeaderOnly = "RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
		assertProblem(webpHeaderOnly, "client.error.logo.unreadable");
	}

	private static void assertProblem(byte[] upload, String code) {
		assertThatExceptionOfType(InvalidClientException.class).isThrownBy(() -> LogoImages.process(upload))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.field()).isEqualTo("logo");
				assertThat(problem.code()).isEqualTo(code);
			}));
	}

}
