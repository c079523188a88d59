package dev.latchkey.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Three instances of the sample resource server on the same jar: as shipped (verified
 * tokens cached), with the cache off (every request verifies its token), and with
 * security off ({@code latchkey.security.enabled=false}) as the baseline.
 */
final class ResourceServers implements AutoCloseable {

	final ServerProcess cached;

	final ServerProcess uncached;

	final ServerProcess baseline;

	private final Map<ServerProcess, Integer> ports;

	private ResourceServers(ServerProcess cached, ServerProcess uncached, ServerProcess baseline,
			Map<ServerProcess, Integer> ports) {
		this.cached = cached;
		this.uncached = uncached;
		this.baseline = baseline;
		this.ports = ports;
	}

	static ResourceServers start(Options options, String java, ForwardingProxy proxy, Path work) {
		int[] ports = { ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort() };
		// Started together, awaited one by one: the three start in the time of one.
		ServerProcess cached = start(options, java, proxy, work, "resource-cached", ports[0]);
		ServerProcess uncached = start(options, java, proxy, work, "resource-uncached", ports[1],
				"--latchkey.token-cache.max-entries=0");
		ServerProcess baseline = start(options, java, proxy, work, "resource-baseline", ports[2],
				"--latchkey.security.enabled=false");
		for (int i = 0; i < 3; i++) {
			ServerProcess server = List.of(cached, uncached, baseline).get(i);
			server.awaitReady("http://127.0.0.1:" + ports[i] + "/actuator/health/readiness", Duration.ofMinutes(3));
		}
		return new ResourceServers(cached, uncached, baseline,
				Map.of(cached, ports[0], uncached, ports[1], baseline, ports[2]));
	}

	private static ServerProcess start(Options options, String java, ForwardingProxy proxy, Path work, String name,
			int port, String... extra) {
		List<String> command = new ArrayList<>(
				List.of(java, "-Xms64m", "-Xmx512m", "-jar", options.resourceServerJar().toString(),
						"--server.port=" + port, "--latchkey.issuer=" + Latchkey.PUBLIC_BASE,
						"--latchkey.keys.jwks-uri=" + proxy.url() + "/oauth2/jwks"));
		command.addAll(List.of(extra));
		return ServerProcess.start(name, command, Map.of(), work);
	}

	String url(ServerProcess server) {
		return "http://127.0.0.1:" + this.ports.get(server);
	}

	@Override
	public void close() {
		this.cached.close();
		this.uncached.close();
		this.baseline.close();
	}

}
