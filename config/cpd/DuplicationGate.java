import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The duplication gate: reads the report of PMD's copy-paste detector (target/cpd.xml)
 * and fails when too large a share of a module's Java code (main and test) is duplicated.
 * <p>
 * The share is measured in lines: every line of a source file that lies inside a
 * block CPD found more than once (at least {@code minimumTokens} tokens, 100 here) counts
 * as duplicated, each line once however many copies it has, all copies included (a
 * block that appears twice counts twice); it is divided by all lines of the module's Java
 * sources, main and test. That is how SonarQube reports "duplicated lines (%)".
 * <p>
 * Run by Maven as a single-file Java program:
 * {@code java DuplicationGate.java <cpd.xml> <max percent> <source dir>...}.
 */
public final class DuplicationGate {

	private DuplicationGate() {
	}

	public static void main(String[] args) throws Exception {
		Path report = Path.of(args[0]);
		double maxPercent = Double.parseDouble(args[1]);
		List<Path> sources = Stream.of(args).skip(2).map(Path::of).filter(Files::isDirectory).toList();
		if (sources.isEmpty()) {
			System.out.println("[duplication] no Java sources: nothing to measure");
			return;
		}
		long total = 0;
		for (Path directory : sources) {
			total += countLines(directory);
		}
		if (!Files.isRegularFile(report)) {
			// Reached only when the detector was skipped or failed without failing the build.
			fail("[duplication] " + report + " is missing: the copy-paste detector did not run");
		}
		Map<String, BitSet> duplicated = duplicatedLines(report);
		long duplicatedLines = duplicated.values().stream().mapToLong(BitSet::cardinality).sum();
		double percent = (total == 0) ? 0 : 100.0 * duplicatedLines / total;
		String summary = String.format("[duplication] %d of %d lines of Java code duplicated (%.2f%%, limit %.1f%%)",
				duplicatedLines, total, percent, maxPercent);
		if (percent > maxPercent) {
			duplicated.forEach((file, lines) -> System.out
				.println("[duplication]   " + lines.cardinality() + " duplicated lines in " + file));
			fail(summary + ": above the limit; see " + report);
		}
		System.out.println(summary);
	}

	private static long countLines(Path sources) throws IOException {
		try (Stream<Path> files = Files.walk(sources)) {
			List<Path> javaFiles = files.filter((file) -> file.toString().endsWith(".java")).toList();
			long lines = 0;
			for (Path file : javaFiles) {
				lines += Files.readAllLines(file, StandardCharsets.UTF_8).size();
			}
			return lines;
		}
	}

	private static Map<String, BitSet> duplicatedLines(Path report) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document document = factory.newDocumentBuilder().parse(report.toFile());
		Map<String, BitSet> duplicated = new HashMap<>();
		NodeList duplications = document.getElementsByTagName("duplication");
		for (int i = 0; i < duplications.getLength(); i++) {
			Element duplication = (Element) duplications.item(i);
			int length = Integer.parseInt(duplication.getAttribute("lines"));
			NodeList copies = duplication.getElementsByTagName("file");
			for (int j = 0; j < copies.getLength(); j++) {
				Element copy = (Element) copies.item(j);
				int first = Integer.parseInt(copy.getAttribute("line"));
				String end = copy.getAttribute("endline");
				int last = end.isEmpty() ? first + length - 1 : Integer.parseInt(end);
				duplicated.computeIfAbsent(copy.getAttribute("path"), (path) -> new BitSet()).set(first, last + 1);
			}
		}
		return duplicated;
	}

	private static void fail(String message) {
		System.err.println(message);
		System.exit(1);
	}

}
