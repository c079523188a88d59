package dev.latchkey.auth.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code admin health-check}: asks a running server whether it is ready, for container
 * health checks and scripts. It starts no Spring context and needs no database, so it
 * answers in well under a second.
 */
@Command(name = "health-check",
		description = "Exit 0 if the server at --url answers its readiness probe with UP, 1 otherwise.")
final class HealthCheckCommand implements Callable<Integer> {

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Option(names = "--url",
			defaultValue = "${env:LATCHKEY_HEALTH_URL:-http://localhost:9001/actuator/health/readiness}",
			description = "The readiness URL (default: $LATCHKEY_HEALTH_URL or the production management port 9001).")
	URI url;

	@Option(names = "--timeout", defaultValue = "3s", converter = DurationConverter.class,
			description = "How long to wait for the answer, e.g. 3s.")
	Duration timeout;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		try {
			HttpResponse<String> response = HttpClient.newBuilder()
				.connectTimeout(this.timeout)
				.build()
				.send(HttpRequest.newBuilder(this.url).timeout(this.timeout).GET().build(),
						HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
				this.spec.commandLine().getOut().println("UP");
				return 0;
			}
			this.spec.commandLine()
				.getErr()
				.println("admin health-check: " + this.url + " answered " + response.statusCode() + " (not ready)");
			return AdminCli.FAILED;
		}
		catch (IOException ex) {
			this.spec.commandLine()
				.getErr()
				.println("admin health-check: cannot reach " + this.url + ": " + ex.getClass().getSimpleName());
			return AdminCli.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return AdminCli.FAILED;
		}
	}

	static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			return org.springframework.boot.convert.DurationStyle.detectAndParse(value);
		}

	}

}
