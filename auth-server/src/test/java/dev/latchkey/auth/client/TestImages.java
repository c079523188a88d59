package dev.latchkey.auth.client;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/**
 * Images for logo tests, made in the test (PNG, JPEG) or read from
 * {@code src/test/resources/logos} (WebP, made with {@code cwebp} from a 48x32 PNG, as
 * Java cannot write WebP).
 */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] png(int width, int height) {
		return write(picture(width, height), "png");
	}

	public static byte[] jpeg(int width, int height) {
		return write(picture(width, height), "jpeg");
	}

	public static byte[] webp() {
		return resource("/logos/logo.webp");
	}

	public static byte[] lossyWebp() {
		return resource("/logos/logo-lossy.webp");
	}

	public static byte[] svg() {
		return """
				<?xml version="1.0"?>
				<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">
				  <script>alert(document.cookie)</script><rect width="10" height="10"/>
				</svg>""".getBytes(StandardCharsets.UTF_8);
	}

	public static byte[] gif() {
		return "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * A valid PNG whose header claims a huge image: a few hundred bytes that would decode
	 * to {@code width * height} pixels.
	 */
	public static byte[] pngBomb(int width, int height) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
		// Each row: filter byte 0 then one gray byte per pixel, all zero.
		byte[] row = new byte[1 + width];
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		for (int y = 0; y < height; y++) {
			deflater.setInput(row);
			while (!deflater.needsInput()) {
				int n = deflater.deflate(buffer);
				compressed.write(buffer, 0, n);
			}
		}
		deflater.finish();
		while (!deflater.finished()) {
			int n = deflater.deflate(buffer);
			compressed.write(buffer, 0, n);
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		chunk(png, "IHDR",
				ByteBuffer.allocate(13)
					.putInt(width)
					.putInt(height)
					.put((byte) 8)
					.put((byte) 0)
					.put((byte) 0)
					.put((byte) 0)
					.put((byte) 0)
					.array());
		chunk(png, "IDAT", compressed.toByteArray());
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	/**
	 * A PNG larger than the limit: random pixels do not compress.
	 */
	public static byte[] noisyPng(int side) {
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		SplittableRandom random = new SplittableRandom(42);
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				image.setRGB(x, y, random.nextInt());
			}
		}
		return write(image, "png");
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(typeBytes);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	private static BufferedImage picture(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(20, 90, 160));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.WHITE);
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		return image;
	}

	private static byte[] write(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] resource(String name) {
		try (InputStream in = TestImages.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
