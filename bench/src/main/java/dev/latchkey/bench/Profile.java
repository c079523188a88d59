package dev.latchkey.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the server ({@code jdk.ExecutionSample} events, as
 * {@code jfr print --events jdk.ExecutionSample} shows them) per scenario: the methods
 * most often on top of the stack, and the application frames (Latchkey's, Spring's, the
 * JDBC driver's) most often anywhere on it.
 */
final class Profile {

	private Profile() {
	}

	record Window(String label, Instant from, Instant to) {

		boolean contains(Instant time) {
			return !time.isBefore(this.from) && time.isBefore(this.to);
		}

	}

	static void summarize(Path recording, List<Window> windows, Report report) {
		if (!Files.isRegularFile(recording)) {
			report.line("No JFR recording at %s", recording);
			return;
		}
		Map<String, Map<String, Integer>> top = new HashMap<>();
		Map<String, Map<String, Integer>> inclusive = new HashMap<>();
		Map<String, Integer> samples = new HashMap<>();
		Map<String, Map<String, Integer>> categories = new HashMap<>();
		Map<String, Map<String, Integer>> deciding = new HashMap<>();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				if (stack == null || stack.getFrames().isEmpty()) {
					continue;
				}
				Window window = windows.stream()
					.filter((w) -> w.contains(event.getStartTime()))
					.findFirst()
					.orElse(null);
				if (window == null) {
					continue;
				}
				samples.merge(window.label(), 1, Integer::sum);
				String[] categoryAndFrame = categoryAndFrame(stack);
				categories.computeIfAbsent(window.label(), (k) -> new HashMap<>())
					.merge(categoryAndFrame[0], 1, Integer::sum);
				deciding.computeIfAbsent(window.label(), (k) -> new HashMap<>())
					.merge(categoryAndFrame[0] + ": " + categoryAndFrame[1], 1, Integer::sum);
				top.computeIfAbsent(window.label(), (k) -> new HashMap<>())
					.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
				java.util.Set<String> seen = new java.util.HashSet<>();
				for (RecordedFrame frame : stack.getFrames()) {
					String name = name(frame);
					if (interesting(name) && seen.add(name)) {
						inclusive.computeIfAbsent(window.label(), (k) -> new HashMap<>()).merge(name, 1, Integer::sum);
					}
				}
			}
		}
		catch (IOException ex) {
			report.line("Cannot read %s: %s", recording, ex.getMessage());
			return;
		}
		report.line("");
		report.line("Profile (JFR execution samples of the Latchkey JVM, %s)", recording);
		for (Window window : windows) {
			int total = samples.getOrDefault(window.label(), 0);
			if (total == 0) {
				continue;
			}
			report.line("%s: %d samples", window.label(), total);
			report.line("  by what the sampled thread was doing (first matching frame from the top):");
			print(report, categories.get(window.label()), total, 12);
			report.line("  the frames that decided it, most frequent:");
			print(report, deciding.get(window.label()), total, 15);
			report.line("  top of stack:");
			print(report, top.get(window.label()), total, 8);
			report.line("  on the stack (Latchkey, framework, driver):");
			print(report, inclusive.getOrDefault(window.label(), Map.of()), total, 14);
		}
	}

	private static void print(Report report, Map<String, Integer> counts, int total, int limit) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach((e) -> report.line("    %5.1f%%  %s", 100.0 * e.getValue() / total, e.getKey()));
	}

	/**
	 * What a sample is doing, judged from the top of its stack down: cryptography, the
	 * database driver, JSON, templates, logging, HTTP parsing, or else the framework.
	 */
	static String category(RecordedStackTrace stack) {
		return categoryAndFrame(stack)[0];
	}

	/**
	 * The category of a sample and the frame that decided it.
	 */
	static String[] categoryAndFrame(RecordedStackTrace stack) {
		for (RecordedFrame frame : stack.getFrames()) {
			String name = name(frame);
			String category = category(name);
			if (category != null) {
				return new String[] { category, name };
			}
		}
		return new String[] { "JDK / other", name(stack.getFrames().get(0)) };
	}

	private static String category(String name) {
		{
			if (name.startsWith("sun.security.") || name.startsWith("java.math.BigInteger")
					|| name.startsWith("org.bouncycastle.") || name.startsWith("com.sun.crypto.")
					|| name.startsWith("javax.crypto.")) {
				return "cryptography (JCA, BigInteger, Bouncy Castle)";
			}
			if (name.startsWith("com.nimbusds.")) {
				return "JOSE (Nimbus, outside the JCA)";
			}
			if (name.startsWith("org.postgresql.") || name.startsWith("com.zaxxer.hikari.")) {
				return "database driver and pool";
			}
			if (name.startsWith("tools.jackson.") || name.startsWith("com.fasterxml.jackson.")) {
				return "JSON (Jackson)";
			}
			if (name.startsWith("org.thymeleaf.") || name.startsWith("org.attoparser.")) {
				return "templates (Thymeleaf)";
			}
			if (name.startsWith("ch.qos.logback.") || name.startsWith("org.slf4j.")) {
				return "logging";
			}
			if (name.startsWith("io.micrometer.")) {
				return "metrics and observations (Micrometer)";
			}
			if (name.startsWith("org.springframework.session.")) {
				return "sessions (Spring Session JDBC)";
			}
			if (name.startsWith("org.springframework.jdbc.") || name.startsWith("org.springframework.data.")) {
				return "Spring JDBC / Data JDBC mapping";
			}
			if (name.startsWith("dev.latchkey.")) {
				return "Latchkey code";
			}
			if (name.startsWith("org.springframework.security.")) {
				return "Spring Security / authorization server";
			}
			if (name.startsWith("org.apache.tomcat.") || name.startsWith("org.apache.coyote.")
					|| name.startsWith("org.apache.catalina.")) {
				return "Tomcat (HTTP)";
			}
			if (name.startsWith("org.springframework.")) {
				return "Spring (web, core)";
			}
		}
		return null;
	}

	/**
	 * A recording without windows: {@code java -cp bench/target/bench.jar
	 * dev.latchkey.bench.Profile FILE.jfr}.
	 */
	public static void main(String[] args) {
		Report report = new Report(Runtime.getRuntime().availableProcessors());
		summarize(Path.of(args[0]), List.of(new Window("whole recording", Instant.MIN, Instant.MAX)), report);
	}

	private static boolean interesting(String name) {
		if (name.contains("Filter.") || name.contains("$$Lambda") || name.contains(".lambda$")
				|| name.startsWith("io.micrometer.observation.")) {
			return false;
		}
		return name.startsWith("dev.latchkey.") || name.startsWith("org.springframework.security.oauth2.")
				|| name.startsWith("org.postgresql.") || name.startsWith("com.nimbusds.")
				|| name.startsWith("org.springframework.session.") || name.startsWith("org.springframework.jdbc.")
				|| name.startsWith("org.thymeleaf.") || name.startsWith("org.bouncycastle.")
				|| name.startsWith("tools.jackson.") || name.startsWith("com.fasterxml.")
				|| name.startsWith("org.flywaydb.") || name.startsWith("ch.qos.logback.")
				|| name.startsWith("sun.security.") || name.startsWith("io.micrometer.");
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
