package dev.latchkey.auth.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The SSRF guard refuses every address that is not public, however it is written, and
 * checks again when it connects. Only loopback servers of the test itself are ever
 * called.
 */
class SsrfGuardTests {

	private static final Map<String, String> NAMES = Map.of("localhost", "127.0.0.1", "metadata.google.internal",
			"169.254.169.254", "public.example", "93.184.216.34", "intranet.example", "10.20.30.40", "v6.example",
			"2606:4700:4700::1111", "v6-internal.example", "fd00::10");

	private final SsrfGuard production = new SsrfGuard(properties(true, List.of()), SsrfGuardTests::resolve);

	private HttpServer server;

	@AfterEach
	void stopServer() throws IOException {
		if (this.server != null) {
			this.server.stop(0);
		}
		this.production.destroy();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/", "https://127.1.2.3/", "https://10.0.0.1/", "https://172.16.0.1/",
			"https://172.31.255.255/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/",
			"https://169.254.1.1/", "https://100.64.0.1/", "https://100.127.255.254/", "https://0.0.0.0/",
			"https://224.0.0.1/", "https://255.255.255.255/", "https://192.0.2.1/", "https://198.18.0.1/",
			"https://240.0.0.1/", "https://[::1]/", "https://[::]/", "https://[fe80::1]/", "https://[fc00::1]/",
			"https://[fd12:3456::1]/", "https://[fd00:ec2::254]/", "https://[ff02::1]/", "https://[fec0::1]/",
			"https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[::ffff:169.254.169.254]/",
			"https://[0:0:0:0:0:ffff:a9fe:a9fe]/", "https://[::ffff:10.0.0.1]/", "https://[::127.0.0.1]/",
			"https://[64:ff9b::a9fe:a9fe]/", "https://[64:ff9b::7f00:1]/", "https://[2002:7f00:1::]/",
			"https://[2002:a9fe:a9fe::1]/", "https://[2001:db8::1]/", "https://[2001:0:4136:e378::1]/",
			"https://localhost/", "https://localhost./", "https://LOCALHOST/", "https://metadata.google.internal/",
			"https://intranet.example/", "https://v6-internal.example/" })
	void checkWhenAddressNotPublicThenRefused(String url) {
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> this.production.check(url))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("address"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://2130706433/", "https://017700000001/", "https://0x7f000001/",
			"https://0x7f.0.0.1/", "https://0177.0.0.1/", "https://127.1/", "https://127.0.1/", "https://0/",
			"https://3232235777/", "https://0xa9.0xfe.0xa9.0xfe/", "https://169.254.43518/", "https://010.0.0.1/",
			"https://256.1.1.1/" })
	void checkWhenHostIsAmbiguousNumericFormThenRefused(String url) {
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> this.production.check(url))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("numericHost"));
	}

	@Test
	void checkWhenFormWrongThenReasonSaysWhy() {
		assertReason("http://public.example/jwks", "https");
		assertReason("ftp://public.example/jwks", "scheme");
		assertReason("file:///etc/passwd", "scheme");
		assertReason("gopher://public.example/", "scheme");
		assertReason("https://user:pw@public.example/", "userinfo");
		assertReason("https://public.example/#x", "fragment");
		assertReason("https:///jwks", "host");
		assertReason("https://public.example/ x", "syntax");
		assertReason("https://unknown.example/", "unresolvable");
		assertReason("https://public.example/" + "a".repeat(2000), "tooLong");
	}

	@Test
	void checkWhenAnyResolvedAddressIsPrivateThenRefused() {
		SsrfGuard guard = new SsrfGuard(properties(true, List.of()), (host) -> new InetAddress[] {
				InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.0.10") });
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> guard.check("https://mixed.example/"))
			.satisfies((ex) -> assertThat(ex.arguments()).containsExactly("private"));
	}

	@Test
	void checkWhenPublicThenAccepted() {
		assertThatNoException().isThrownBy(() -> this.production.check("https://public.example/.well-known/jwks.json"));
		assertThatNoException().isThrownBy(() -> this.production.check("https://93.184.216.34/logout"));
		assertThatNoException().isThrownBy(() -> this.production.check("https://[2606:4700:4700::1111]/"));
		assertThatNoException().isThrownBy(() -> this.production.check("https://v6.example:8443/x?y=1"));
	}

	@Test
	void checkWhenAllowListedThenOnlyThoseNetworksPass() throws IOException {
		SsrfGuard guard = new SsrfGuard(properties(true, List.of("10.0.0.0/8", "fd00::10/128")),
				SsrfGuardTests::resolve);
		assertThatNoException().isThrownBy(() -> guard.check("https://intranet.example/"));
		assertThatNoException().isThrownBy(() -> guard.check("https://v6-internal.example/"));
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> guard.check("https://192.168.1.1/"));
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> guard.check("https://localhost/"));
		guard.destroy();
	}

	@Test
	void getWhenDnsAnswerChangesAfterCheckThenConnectionRefusedBeforeConnecting() throws IOException {
		Deque<String> answers = new ArrayDeque<>(List.of("93.184.216.34", "93.184.216.34", "127.0.0.1"));
		AtomicInteger lookups = new AtomicInteger();
		SsrfGuard guard = new SsrfGuard(properties(true, List.of()), (host) -> {
			lookups.incrementAndGet();
			return new InetAddress[] { InetAddress.getByName(answers.isEmpty() ? "127.0.0.1" : answers.poll()) };
		});
		assertThatNoException().isThrownBy(() -> guard.check("https://rebind.example/jwks"));
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> guard.get("https://rebind.example/jwks", "*/*"))
			.satisfies((ex) -> assertThat(ex.arguments()).containsExactly("loopback"));
		assertThat(lookups).as("checked again at connect time").hasValue(3);
		guard.destroy();
	}

	@Test
	void getWhenAllowListedLoopbackServerThenBodyRead() throws IOException {
		startServer(200, "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8), Duration.ZERO);
		SsrfGuard guard = loopbackGuard(Duration.ofSeconds(2), DataSize.ofKilobytes(4));
		SsrfGuard.Response response = guard.get(url("/jwks"), "application/json");
		assertThat(response.status()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"keys\":[]}");
		guard.destroy();
	}

	@Test
	void getWhenResponseLargerThanLimitThenRefused() throws IOException {
		startServer(200, new byte[5000], Duration.ZERO);
		SsrfGuard guard = loopbackGuard(Duration.ofSeconds(2), DataSize.ofKilobytes(4));
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> guard.get(url("/big"), "*/*"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("responseTooLarge"));
		guard.destroy();
	}

	@Test
	void getWhenServerTooSlowThenTimesOutQuickly() throws IOException {
		startServer(200, new byte[10], Duration.ofSeconds(3));
		SsrfGuard guard = loopbackGuard(Duration.ofMillis(300), DataSize.ofKilobytes(4));
		long started = System.nanoTime();
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> guard.get(url("/slow"), "*/*"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		guard.destroy();
	}

	@Test
	void getWhenRedirectedThenNotFollowed() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		this.server.start();
		SsrfGuard guard = loopbackGuard(Duration.ofSeconds(2), DataSize.ofKilobytes(4));
		assertThat(guard.get(url("/r"), "*/*").status()).isEqualTo(302);
		guard.destroy();
	}

	@Test
	void getWhenLoopbackNotAllowListedThenNotCalled() throws IOException {
		AtomicInteger calls = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			calls.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
		SsrfGuard guard = new SsrfGuard(properties(false, List.of()), InetAddress::getAllByName);
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> guard.postForm(url("/logout"), "a=b"));
		assertThat(calls).hasValue(0);
		guard.destroy();
	}

	@Test
	void propertiesWhenAllowListEntryInvalidThenClearError() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> properties(true, List.of("10.0.0.0/33")))
			.withMessageContaining("latchkey.outbound.allowed-networks");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> properties(true, List.of("intranet.example")))
			.withMessageContaining("not an IP address");
	}

	private void assertReason(String url, String reason) {
		assertThatExceptionOfType(UnsafeUrlException.class).as(url)
			.isThrownBy(() -> this.production.check(url))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private void startServer(int status, byte[] body, Duration delay) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
			catch (IOException ex) {
				// the client gave up
			}
		});
		this.server.start();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	private static SsrfGuard loopbackGuard(Duration readTimeout, DataSize maxResponseSize) {
		return new SsrfGuard(new OutboundProperties(false, List.of("127.0.0.1/32"), Duration.ofSeconds(1), readTimeout,
				maxResponseSize), InetAddress::getAllByName);
	}

	private static OutboundProperties properties(boolean requireHttps, List<String> allowed) {
		return new OutboundProperties(requireHttps, allowed, Duration.ofSeconds(1), Duration.ofSeconds(2),
				DataSize.ofKilobytes(512));
	}

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		String lower = host.toLowerCase(java.util.Locale.ROOT);
		if (NAMES.containsKey(lower)) {
			return new InetAddress[] { InetAddress.getByName(NAMES.get(lower)) };
		}
		if (lower.matches("[0-9.]+") || lower.contains(":")) {
			return InetAddress.getAllByName(lower);
		}
		throw new UnknownHostException(host);
	}

}
