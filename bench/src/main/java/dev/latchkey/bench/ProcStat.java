package dev.latchkey.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and memory of processes, read from {@code /proc}: the load generator shares
 * the cores with the server, so only the server's own CPU time says what a request costs.
 */
final class ProcStat {

	private static final long TICKS_PER_SECOND = clockTicks();

	private ProcStat() {
	}

	/**
	 * User plus system CPU time of a process, in milliseconds ({@code utime + stime} of
	 * {@code /proc/<pid>/stat}).
	 */
	static long cpuMillis(long pid) {
		String[] fields = statFields(pid);
		if (fields == null) {
			return 0;
		}
		long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
		return ticks * 1000 / TICKS_PER_SECOND;
	}

	/**
	 * CPU time of a process and all its descendants (e.g. PostgreSQL's backends), in
	 * milliseconds. Backends that ended in between are not counted.
	 */
	static long treeCpuMillis(long pid) {
		long total = cpuMillis(pid);
		for (long child : descendants(pid)) {
			total += cpuMillis(child);
		}
		return total;
	}

	static List<Long> descendants(long pid) {
		List<Long> all = new ArrayList<>();
		ProcessHandle.of(pid).ifPresent((handle) -> handle.descendants().forEach((d) -> all.add(d.pid())));
		return all;
	}

	/**
	 * Resident memory of a process in MiB ({@code VmRSS} of {@code /proc/<pid>/status}).
	 */
	static double rssMiB(long pid) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
			return lines.filter((line) -> line.startsWith("VmRSS:"))
				.findFirst()
				.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0)
				.orElse(0.0);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static String[] statFields(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name (field 2) is in parentheses and may contain spaces.
			String afterName = stat.substring(stat.lastIndexOf(')') + 2);
			String[] rest = afterName.split(" ");
			String[] fields = new String[rest.length + 2];
			System.arraycopy(rest, 0, fields, 2, rest.length);
			return fields;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes()).strip();
			getconf.waitFor();
			return Long.parseLong(out);
		}
		catch (IOException | NumberFormatException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

	static boolean available() {
		return Files.isReadable(Path.of("/proc/self/stat"));
	}

}
