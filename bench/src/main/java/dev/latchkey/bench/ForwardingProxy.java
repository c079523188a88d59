package dev.latchkey.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * The resource servers' way to the issuer: a plain-HTTP reverse proxy on the loopback
 * address that forwards GETs with {@code X-Forwarded-Proto: https}, as the TLS proxy in
 * front of Latchkey would. The resource servers only fetch the JWKS through it (every
 * {@code latchkey.keys.refresh-interval}), so it is not on any measured path.
 */
final class ForwardingProxy implements AutoCloseable {

	private final HttpServer server;

	private ForwardingProxy(HttpServer server) {
		this.server = server;
	}

	static ForwardingProxy start(Target target) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			server.createContext("/", (exchange) -> {
				Http http = target.http(0);
				byte[] body;
				int status;
				try {
					Http.Response response = http.get(target.publicBase + exchange.getRequestURI());
					status = response.status();
					body = response.body().getBytes(StandardCharsets.UTF_8);
				}
				catch (BenchException ex) {
					status = 502;
					body = new byte[0];
				}
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return new ForwardingProxy(server);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
