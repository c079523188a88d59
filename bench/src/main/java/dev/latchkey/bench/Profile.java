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

	private static boolean interesting(String name) {
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
