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
		Samples samples = new Samples();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				RecordedStackTrace stack = event.getStackTrace();
				if ("jdk.ExecutionSample".equals(event.getEventType().getName()) && stack != null
						&& !stack.getFrames().isEmpty()) {
					windows.stream()
						.filter((w) -> w.contains(event.getStartTime()))
						.findFirst()
						.ifPresent((window) -> samples.add(window.label(), stack));
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
			samples.print(window.label(), report);
		}
	}

	/**
	 * Sample counts per window: by category, by the frame that decided the category, by
	 * the top frame, and by the interesting frames anywhere on the stack.
	 */
	private static final class Samples {

		private final Map<String, Integer> totals = new HashMap<>();

		private final Map<String, Map<String, Integer>> categories = new HashMap<>();

		private final Map<String, Map<String, Integer>> deciding = new HashMap<>();

		private final Map<String, Map<String, Integer>> top = new HashMap<>();

		private final Map<String, Map<String, Integer>> inclusive = new HashMap<>();

		void add(String label, RecordedStackTrace stack) {
			this.totals.merge(label, 1, Integer::sum);
			String[] categoryAndFrame = categoryAndFrame(stack);
			count(this.categories, label, categoryAndFrame[0]);
			count(this.deciding, label, categoryAndFrame[0] + ": " + categoryAndFrame[1]);
			count(this.top, label, name(stack.getFrames().get(0)));
			stack.getFrames()
				.stream()
				.map(Profile::name)
				.filter(Profile::interesting)
				.distinct()
				.forEach((name) -> count(this.inclusive, label, name));
		}

		private static void count(Map<String, Map<String, Integer>> counts, String label, String key) {
			counts.computeIfAbsent(label, (k) -> new HashMap<>()).merge(key, 1, Integer::sum);
		}

		void print(String label, Report report) {
			int total = this.totals.getOrDefault(label, 0);
			if (total == 0) {
				return;
			}
			report.line("%s: %d samples", label, total);
			report.line("  by what the sampled thread was doing (first matching frame from the top):");
			Profile.print(report, this.categories.get(label), total, 12);
			report.line("  the frames that decided it, most frequent:");
			Profile.print(report, this.deciding.get(label), total, 15);
			report.line("  top of stack:");
			Profile.print(report, this.top.get(label), total, 8);
			report.line("  on the stack (Latchkey, framework, driver):");
			Profile.print(report, this.inclusive.getOrDefault(label, Map.of()), total, 14);
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

	/**
	 * Categories by the prefix of a frame's class, tried in order (Latchkey before Spring
	 * Security before Spring).
	 */
	private static final List<Map.Entry<String, List<String>>> CATEGORIES = List.of(
			Map.entry("cryptography (JCA, BigInteger, Bouncy Castle)",
					List.of("sun.security.", "java.math.BigInteger", "org.bouncycastle.", "com.sun.crypto.",
							"javax.crypto.")),
			Map.entry("JOSE (Nimbus, outside the JCA)", List.of("com.nimbusds.")),
			Map.entry("database driver and pool", List.of("org.postgresql.", "com.zaxxer.hikari.")),
			Map.entry("JSON (Jackson)", List.of("tools.jackson.", "com.fasterxml.jackson.")),
			Map.entry("templates (Thymeleaf)", List.of("org.thymeleaf.", "org.attoparser.")),
			Map.entry("logging", List.of("ch.qos.logback.", "org.slf4j.")),
			Map.entry("metrics and observations (Micrometer)", List.of("io.micrometer.")),
			Map.entry("sessions (Spring Session JDBC)", List.of("org.springframework.session.")),
			Map.entry("Spring JDBC / Data JDBC mapping",
					List.of("org.springframework.jdbc.", "org.springframework.data.")),
			Map.entry("Latchkey code", List.of("dev.latchkey.")),
			Map.entry("Spring Security / authorization server", List.of("org.springframework.security.")),
			Map.entry("Tomcat (HTTP)", List.of("org.apache.tomcat.", "org.apache.coyote.", "org.apache.catalina.")),
			Map.entry("Spring (web, core)", List.of("org.springframework.")));

	private static final List<String> INTERESTING = List.of("dev.latchkey.", "org.springframework.security.oauth2.",
			"org.postgresql.", "com.nimbusds.", "org.springframework.session.", "org.springframework.jdbc.",
			"org.thymeleaf.", "org.bouncycastle.", "tools.jackson.", "com.fasterxml.", "org.flywaydb.",
			"ch.qos.logback.", "sun.security.", "io.micrometer.");

	private static final List<String> PLUMBING = List.of("Filter.", "$$Lambda", ".lambda$");

	private static String category(String name) {
		return CATEGORIES.stream()
			.filter((category) -> startsWithAny(name, category.getValue()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

	private static boolean startsWithAny(String name, List<String> prefixes) {
		return prefixes.stream().anyMatch(name::startsWith);
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
		return PLUMBING.stream().noneMatch(name::contains) && !name.startsWith("io.micrometer.observation.")
				&& startsWithAny(name, INTERESTING);
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
