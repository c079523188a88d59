package dev.latchkey.auth.client;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

/**
 * Turns an uploaded logo into an image that is safe to serve: recognised by its first
 * bytes (PNG, JPEG or WebP, whatever its name or declared type), at most
 * {@value #MAX_BYTES} bytes and {@value #MAX_SIDE} pixels a side (read from the header
 * before anything is decoded, so a small file that claims a huge image is refused
 * cheaply), then decoded and encoded again, which drops metadata, trailing data and
 * anything else that is not pixels. PNG and WebP become PNG, JPEG stays JPEG.
 */
final class LogoImages {

	static final int MAX_BYTES = 256 * 1024;

	static final int MAX_SIDE = 1024;

	/** Re-encoding can make an image larger (WebP to PNG); this much is still stored. */
	static final int MAX_STORED_BYTES = 4 * 1024 * 1024;

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };

	private LogoImages() {
	}

	/**
	 * Checks and re-encodes an upload.
	 * @param upload the bytes as uploaded
	 * @return the image to store
	 * @throws InvalidClientException with a {@code client.error.logo.*} problem
	 */
	static Processed process(byte[] upload) {
		if (upload.length == 0) {
			throw refused("client.error.logo.empty");
		}
		if (upload.length > MAX_BYTES) {
			throw refused("client.error.logo.tooLarge", MAX_BYTES / 1024);
		}
		Format format = Format.of(upload);
		if (format == null) {
			throw refused(looksLikeSvg(upload) ? "client.error.logo.svg" : "client.error.logo.type");
		}
		BufferedImage image = decode(upload, format);
		byte[] encoded = encode(image, format.storedAs());
		if (encoded.length > MAX_STORED_BYTES) {
			throw refused("client.error.logo.unreadable");
		}
		return new Processed(encoded, "image/" + format.storedAs(), image.getWidth(), image.getHeight());
	}

	private static BufferedImage decode(byte[] upload, Format format) {
		ImageReader reader = format.reader();
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
			reader.setInput(in, true, true);
			// CAUTION: the size comes from the header; nothing is decoded before it is
			// known to be small (a decompression bomb stops here).
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
				throw refused("client.error.logo.dimensions", MAX_SIDE, width, height);
			}
			BufferedImage image = reader.read(0);
			if (image.getWidth() != width || image.getHeight() != height) {
				throw refused("client.error.logo.unreadable");
			}
			return image;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof InvalidClientException refused) {
				throw refused;
			}
			throw refused("client.error.logo.unreadable");
		}
		finally {
			reader.dispose();
		}
	}

	private static byte[] encode(BufferedImage image, String formatName) {
		BufferedImage output = image;
		if (formatName.equals("jpeg") && (image.getColorModel().hasAlpha() || image.getType() == 0)) {
			output = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			Graphics2D graphics = output.createGraphics();
			graphics.drawImage(image, 0, 0, null);
			graphics.dispose();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(output, formatName, out)) {
				throw refused("client.error.logo.unreadable");
			}
		}
		catch (IOException ex) {
			throw refused("client.error.logo.unreadable");
		}
		return out.toByteArray();
	}

	private static boolean looksLikeSvg(byte[] upload) {
		String start = new String(upload, 0, Math.min(upload.length, 1024), StandardCharsets.UTF_8)
			.toLowerCase(Locale.ROOT);
		return start.contains("<svg") || (start.stripLeading().replace("\ufeff", "").startsWith("<?xml"));
	}

	private static InvalidClientException refused(String code, Object... arguments) {
		return new InvalidClientException(java.util.List.of(ClientProblem.of("logo", code, arguments)));
	}

	/**
	 * An image ready to store.
	 *
	 * @param image the encoded image
	 * @param contentType its type
	 * @param width its width
	 * @param height its height
	 */
	record Processed(byte[] image, String contentType, int width, int height) {

	}

	enum Format {

		PNG_FORMAT("png"), JPEG_FORMAT("jpeg"), WEBP_FORMAT("png");

		private final String storedAs;

		Format(String storedAs) {
			this.storedAs = storedAs;
		}

		String storedAs() {
			return this.storedAs;
		}

		static @org.jspecify.annotations.Nullable Format of(byte[] bytes) {
			if (startsWith(bytes, 0, PNG)) {
				return PNG_FORMAT;
			}
			if (startsWith(bytes, 0, JPEG)) {
				return JPEG_FORMAT;
			}
			if (startsWith(bytes, 0, "RIFF".getBytes(StandardCharsets.US_ASCII))
					&& startsWith(bytes, 8, "WEBP".getBytes(StandardCharsets.US_ASCII))) {
				return WEBP_FORMAT;
			}
			return null;
		}

		ImageReader reader() {
			if (this == WEBP_FORMAT) {
				// Chosen by content, not through ImageIO's registry, which may not see
				// plugins inside the executable jar.
				try {
					return new WebPImageReaderSpi().createReaderInstance();
				}
				catch (IOException ex) {
					throw new IllegalStateException("The WebP decoder is missing", ex);
				}
			}
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(this.storedAs);
			if (!readers.hasNext()) {
				throw new IllegalStateException("No ImageIO reader for " + this.storedAs);
			}
			return readers.next();
		}

		private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
			return bytes.length >= offset + prefix.length
					&& Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
		}

	}

}
