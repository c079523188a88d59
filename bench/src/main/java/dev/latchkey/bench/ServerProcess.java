package dev.latchkey.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started as its own process, with its log in a file, its PID for {@code /proc},
 * and the time it took to answer its readiness probe.
 */
final class ServerProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private final long startedNanos;

	private long readyMillis = -1;

	private ServerProcess(String name, Process process, Path log, long startedNanos) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.startedNanos = startedNanos;
	}

	static ServerProcess start(String name, List<String> command, Map<String, String> environment, Path workDir) {
		try {
			Files.createDirectories(workDir);
			Path log = workDir.resolve(name + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			long started = System.nanoTime();
			return new ServerProcess(name, builder.start(), log, started);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Polls the URL every 20 ms until it answers 200; the time from process start to that
	 * answer is the time to ready.
	 */
	ServerProcess awaitReady(String url, Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + ", see " + this.log + ":\n" + tail());
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					this.readyMillis = (System.nanoTime() - this.startedNanos) / 1_000_000;
					return this;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(20);
		}
		throw new IllegalStateException(
				this.name + " not ready after " + timeout + ", see " + this.log + ":\n" + tail());
	}

	/**
	 * Waits for a command (not a server) to finish.
	 */
	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				close();
				throw new IllegalStateException(this.name + " still running after " + timeout + ":\n" + tail());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The server's JVM: the process itself, or the java process a launcher script ran.
	 */
	long pid() {
		long pid = this.process.pid();
		for (long child : ProcStat.descendants(pid)) {
			if (ProcessHandle.of(child).flatMap((h) -> h.info().command()).orElse("").endsWith("/java")) {
				return child;
			}
		}
		return pid;
	}

	long readyMillis() {
		return this.readyMillis;
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		long jvm = pid();
		this.process.destroy();
		ProcessHandle.of(jvm).ifPresent(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				ProcessHandle.of(jvm).ifPresent(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			ProcessHandle.of(jvm).ifPresent((h) -> h.onExit().orTimeout(20, TimeUnit.SECONDS).join());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// Gone or going; nothing more to do.
		}
	}

}
