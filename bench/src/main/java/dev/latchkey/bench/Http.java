package dev.latchkey.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One simulated client connection: HTTP/1.1 with keep-alive, no redirects followed, its
 * own cookie jar. The servers sit "behind a TLS proxy": requests go over plain HTTP to
 * the loopback address with {@code X-Forwarded-Proto: https} and the public host, as a
 * proxy that terminates TLS would send them, and public URLs in answers
 * ({@code https://latchkey.bench/...}) are mapped back to the local port.
 */
final class Http {

	private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "http-client");
		thread.setDaemon(true);
		return thread;
	});

	private static final Pattern SET_COOKIE = Pattern.compile("^([^=;]+)=([^;]*)");

	private final HttpClient client;

	private final String publicBase;

	private final String localBase;

	private final String forwardedHost;

	private final String clientAddress;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	Http(String publicBase, String localBase, int clientNumber) {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(EXECUTOR)
			.build();
		this.publicBase = publicBase;
		this.localBase = localBase;
		this.forwardedHost = URI.create(publicBase).getHost();
		// Each simulated client has its own address (TEST-NET-3, only ever a header
		// value),
		// as behind a real proxy: per-address rate limits see many clients, not one.
		this.clientAddress = "203.0.113." + (1 + clientNumber % 250);
	}

	void clearCookies() {
		this.cookies.clear();
	}

	Response get(String url) {
		return send(builder(url).GET(), url);
	}

	/**
	 * A page, as a browser asks for it ({@code Accept: text/html}).
	 */
	Response page(String url) {
		return send(builder(url).header("Accept", "text/html,application/xhtml+xml").GET(), url);
	}

	/**
	 * A form submitted from a page.
	 */
	Response submit(String url, Map<String, ?> form) {
		return send(builder(url).header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html,application/xhtml+xml")
			.POST(HttpRequest.BodyPublishers.ofString(form(form))), url);
	}

	Response get(String url, String authorization) {
		return send(builder(url).header("Authorization", authorization).GET(), url);
	}

	Response postForm(String url, Map<String, ?> form, String authorization) {
		HttpRequest.Builder builder = builder(url).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return send(builder, url);
	}

	private HttpRequest.Builder builder(String url) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(local(url)))
			.timeout(Duration.ofSeconds(30))
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", this.forwardedHost)
			.header("X-Forwarded-For", this.clientAddress)
			.header("Accept-Language", "en");
		if (!this.cookies.isEmpty()) {
			builder.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((e) -> e.getKey() + "=" + e.getValue())
						.collect(Collectors.joining("; ")));
		}
		return builder;
	}

	private Response send(HttpRequest.Builder builder, String url) {
		try {
			HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			for (String header : response.headers().allValues("Set-Cookie")) {
				Matcher matcher = SET_COOKIE.matcher(header);
				if (matcher.find()) {
					String name = matcher.group(1).strip();
					String value = matcher.group(2);
					if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
						this.cookies.remove(name);
					}
					else {
						this.cookies.put(name, value);
					}
				}
			}
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(null), url,
					response.headers().firstValue("Retry-After").isPresent());
		}
		catch (IOException ex) {
			throw new BenchException("I/O error on " + url + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
	}

	String local(String url) {
		if (url.startsWith(this.publicBase)) {
			return this.localBase + url.substring(this.publicBase.length());
		}
		if (url.startsWith("/")) {
			return this.localBase + url;
		}
		return url;
	}

	static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
	}

	static String form(Map<String, ?> form) {
		return form.entrySet().stream().flatMap((e) -> {
			Object value = e.getValue();
			List<?> values = (value instanceof List<?> list) ? list : List.of(value);
			return values.stream().map((v) -> encode(e.getKey()) + "=" + encode(String.valueOf(v)));
		}).collect(Collectors.joining("&"));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static Map<String, String> query(String url) {
		String query = URI.create(url).getRawQuery();
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return parameters;
	}

	static String unescapeHtml(String value) {
		return value.replace("&amp;", "&").replace("&#x3D;", "=").replace("&#61;", "=").replace("&quot;", "\"");
	}

	/**
	 * @param retryAfter whether the answer has a {@code Retry-After} header
	 */
	record Response(int status, String body, String location, String url, boolean retryAfter) {

		Response expect(int expected) {
			if (this.status != expected) {
				String snippet = snippet(this.body);
				throw new BenchException(
						"HTTP " + this.status + " (expected " + expected + ") from " + path(this.url) + ": " + snippet,
						this.status == 503 && this.retryAfter);
			}
			return this;
		}

		/**
		 * A page's title, or the start of any other body, on one line.
		 */
		private static String snippet(String body) {
			if (body == null) {
				return "";
			}
			Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(body);
			if (title.find()) {
				return "page \"" + title.group(1).strip() + "\"";
			}
			String line = body.replaceAll("\\s+", " ");
			return line.substring(0, Math.min(200, line.length()));
		}

		String json(String field) {
			Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"")
				.matcher(this.body);
			if (!matcher.find()) {
				throw new BenchException("no " + field + " in the answer from " + path(this.url));
			}
			return matcher.group(1);
		}

		boolean has(String field) {
			return this.body.contains("\"" + field + "\"");
		}

		private static String path(String url) {
			int query = url.indexOf('?');
			return (query < 0) ? url : url.substring(0, query);
		}

	}

}
