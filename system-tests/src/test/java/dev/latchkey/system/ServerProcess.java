package dev.latchkey.system;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A built server jar running as its own process, the way an operator runs it.
 */
final class ServerProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int port;

	private ServerProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static ServerProcess start(String jarProperty, String name, int port, List<String> arguments) {
		return start(List.of(), jarProperty, name, port, arguments);
	}

	/**
	 * Starts the jar behind a command prefix, e.g. {@code faketime -f +5m} to run it with
	 * its clock moved.
	 */
	static ServerProcess start(List<String> prefix, String jarProperty, String name, int port, List<String> arguments) {
		Path jar = Path.of(System.getProperty(jarProperty, "missing"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("Build the servers first (./mvnw verify): no jar at " + jar);
		}
		try {
			Path workDir = workDir().resolve(name);
			Files.createDirectories(workDir);
			Path log = workDir.resolve("server.log");
			List<String> command = new ArrayList<>(prefix);
			command.addAll(List.of(javaBinary(), "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port));
			command.addAll(arguments);
			Process process = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ServerProcess(process, log, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path workDir() {
		return Path.of(System.getProperty("latchkey.system-tests.work-dir", "target/system-tests"));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/**
	 * Waits until the server answers its readiness probe.
	 */
	ServerProcess awaitReady(Duration timeout) {
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Server exited with " + this.process.exitValue() + ":\n" + output());
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
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
			sleep(Duration.ofMillis(250));
		}
		throw new IllegalStateException("Server not ready after " + timeout + ":\n" + output());
	}

	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Server still running after " + timeout);
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Ends the process at once, as a crashed node or a killed pod.
	 */
	void kill() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops the process and whatever it started: a wrapper such as {@code faketime} runs
	 * the server as its child, which would otherwise outlive the test.
	 */
	@Override
	public void close() {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			for (ProcessHandle child : children) {
				child.onExit().get(20, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			children.forEach(ProcessHandle::destroyForcibly);
		}
	}

}
