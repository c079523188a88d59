package dev.latchkey.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A round-robin reverse proxy in front of several nodes, like a load balancer: each
 * request goes to the next node; a node that refuses the connection is skipped (nothing
 * was sent to it), while a request that fails after it was sent answers 502 and takes the
 * node out of rotation for a few seconds (a passive health check, like nginx's
 * {@code max_fails}/{@code fail_timeout}).
 * <p>
 * Forwards the original {@code Host} header, so the nodes build URLs for the proxy's
 * address (the JVM runs with {@code jdk.httpclient.allowRestrictedHeaders=host}).
 */
final class RoundRobinProxy implements AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
			"trailer", "upgrade", "content-length", "host", "expect");

	private static final Duration FAIL_TIMEOUT = Duration.ofSeconds(5);

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(32);

	private final List<String> backends;

	private final AtomicInteger next = new AtomicInteger();

	private final Map<String, Instant> downUntil = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	RoundRobinProxy(int port, List<String> backends) {
		this.backends = List.copyOf(backends);
		try {
			this.server = HttpServer.create(new InetSocketAddress("localhost", port), 128);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String baseUrl() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		int start = Math.floorMod(this.next.getAndIncrement(), this.backends.size());
		for (int attempt = 0; attempt < this.backends.size(); attempt++) {
			String backend = this.backends.get((start + attempt) % this.backends.size());
			if (Instant.now().isBefore(this.downUntil.getOrDefault(backend, Instant.MIN))) {
				continue;
			}
			try {
				HttpResponse<byte[]> response = this.http.send(request(exchange, backend, body),
						HttpResponse.BodyHandlers.ofByteArray());
				respond(exchange, response);
				return;
			}
			catch (ConnectException | HttpConnectTimeoutException ex) {
				// Nothing reached this node: try the next one.
				this.downUntil.put(backend, Instant.now().plus(FAIL_TIMEOUT));
			}
			catch (IOException ex) {
				// The node took the request and died: the client sees the failure.
				this.downUntil.put(backend, Instant.now().plus(FAIL_TIMEOUT));
				break;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		exchange.sendResponseHeaders(502, -1);
		exchange.close();
	}

	private static HttpRequest request(HttpExchange exchange, String backend, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI().toString()))
			.timeout(Duration.ofSeconds(30))
			.method(exchange.getRequestMethod(), (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase())) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		request.header("Host", exchange.getRequestHeaders().getFirst("Host"));
		return request.build();
	}

	private static void respond(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
		response.headers().map().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
				exchange.getResponseHeaders().put(name, values);
			}
		});
		byte[] body = response.body();
		exchange.sendResponseHeaders(response.statusCode(), (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
