package dev.latchkey.auth.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Guards the calls the server makes to URLs that clients registered (a key set for
 * {@code private_key_jwt}, a back-channel logout URI, a logo at dynamic registration)
 * against server-side request forgery.
 * <p>
 * A URL must be {@code https} (in production), without user info or fragment, with a host
 * that is a name or a canonical IP address (no {@code 2130706433} or {@code 0177.1}).
 * Every address the host resolves to must be public: loopback, private, link-local,
 * shared (CGNAT), unique local, multicast, reserved and cloud metadata addresses are
 * refused, also inside IPv6 forms that carry an IPv4 address, unless an operator
 * allow-listed them ({@code latchkey.outbound.allowed-networks}).
 * <p>
 * The check runs when a URL is registered and again when it is called: the connection
 * resolves the name once, checks those addresses, and connects to exactly them, so a DNS
 * answer that changes in between (rebinding) cannot send the request elsewhere. Calls
 * follow no redirects, use no proxy, time out quickly and read a bounded response.
 */
public final class SsrfGuard implements DisposableBean {

	static final int MAX_URL_LENGTH = 2000;

	private static final Pattern NUMERIC_LABEL = Pattern.compile("0x[0-9a-f]*|[0-9]+");

	private static final Pattern CANONICAL_IPV4_LABEL = Pattern.compile("0|[1-9][0-9]{0,2}");

	private final OutboundProperties properties;

	private final List<AddressRanges.Cidr> allowed;

	private final HostResolver resolver;

	private final CloseableHttpClient http;

	SsrfGuard(OutboundProperties properties) {
		this(properties, InetAddress::getAllByName);
	}

	SsrfGuard(OutboundProperties properties, HostResolver resolver) {
		this.properties = properties;
		this.allowed = properties.allowedNetworks().stream().map(AddressRanges.Cidr::parse).toList();
		this.resolver = resolver;
		Timeout connect = Timeout.of(properties.connectTimeout());
		Timeout read = Timeout.of(properties.readTimeout());
		this.http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new CheckingDnsResolver())
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
				.setMaxConnTotal(20)
				.setMaxConnPerRoute(2)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(connect)
				.setResponseTimeout(read)
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.build();
	}

	/**
	 * Checks a URL as it is registered: its form, and the addresses its host resolves to
	 * now.
	 * @param url the URL
	 * @return the URL
	 * @throws UnsafeUrlException why the server will not call it
	 */
	public URI check(String url) throws UnsafeUrlException {
		URI uri = checkForm(url);
		resolveAndCheck(host(uri));
		return uri;
	}

	/**
	 * Checks a URL's form only, without resolving its host.
	 * @param url the URL
	 * @return the URL
	 * @throws UnsafeUrlException why the server will not call it
	 */
	URI checkForm(String url) throws UnsafeUrlException {
		if (url.length() > MAX_URL_LENGTH) {
			throw new UnsafeUrlException("tooLong", MAX_URL_LENGTH);
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new UnsafeUrlException("syntax");
		}
		checkScheme(uri);
		checkAuthority(uri);
		if (uri.getRawFragment() != null) {
			throw new UnsafeUrlException("fragment");
		}
		String host = host(uri);
		if (isAmbiguousNumericHost(host)) {
			throw new UnsafeUrlException("numericHost");
		}
		return uri;
	}

	private void checkScheme(URI uri) throws UnsafeUrlException {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new UnsafeUrlException("scheme");
		}
		if (scheme.equals("http") && this.properties.requireHttps()) {
			throw new UnsafeUrlException("https");
		}
	}

	private static void checkAuthority(URI uri) throws UnsafeUrlException {
		if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
			throw new UnsafeUrlException("userinfo");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			// java.net.URI leaves the host out when it is no valid name or dotted quad.
			String authorityHost = authorityHost(uri);
			throw new UnsafeUrlException(
					(authorityHost != null && isAmbiguousNumericHost(authorityHost)) ? "numericHost" : "host");
		}
	}

	/**
	 * Whether a host written as digits is anything but a plain dotted quad: the decimal,
	 * octal, hex and short forms that resolvers read differently.
	 */
	static boolean isAmbiguousNumericHost(String host) {
		if (host.contains(":")) {
			return false;
		}
		String[] labels = host.toLowerCase(Locale.ROOT).split("\\.", -1);
		for (String label : labels) {
			if (!NUMERIC_LABEL.matcher(label).matches()) {
				return false;
			}
		}
		if (labels.length != 4) {
			return true;
		}
		for (String label : labels) {
			if (!CANONICAL_IPV4_LABEL.matcher(label).matches() || Integer.parseInt(label) > 255) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The host part of a URI's authority as written, also when {@link URI#getHost()}
	 * gives none.
	 */
	static @Nullable String authorityHost(URI uri) {
		String authority = uri.getRawAuthority();
		if (authority == null) {
			return null;
		}
		String host = authority.substring(authority.lastIndexOf('@') + 1);
		int colon = host.lastIndexOf(':');
		if (colon >= 0 && !host.endsWith("]")) {
			host = host.substring(0, colon);
		}
		return host;
	}

	private static String host(URI uri) {
		String host = uri.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		while (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		return host;
	}

	private InetAddress[] resolveAndCheck(String host) throws UnsafeUrlException {
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw new UnsafeUrlException("unresolvable");
		}
		if (addresses.length == 0) {
			throw new UnsafeUrlException("unresolvable");
		}
		for (InetAddress address : addresses) {
			checkAddress(address);
		}
		return addresses;
	}

	/**
	 * Refuses an address that is not public, unless it is allow-listed.
	 * @param address the address
	 * @throws UnsafeUrlException when the server must not call it
	 */
	void checkAddress(InetAddress address) throws UnsafeUrlException {
		if (this.allowed.stream().anyMatch((cidr) -> cidr.contains(address))) {
			return;
		}
		String blocked = AddressRanges.blockedRange(address);
		if (blocked != null) {
			throw new UnsafeUrlException("address", blocked);
		}
	}

	/**
	 * GETs a URL.
	 * @param url the URL
	 * @param accept the {@code Accept} header
	 * @return the answer, whatever its status
	 * @throws IOException when the URL is refused, the call fails, or the body is too
	 * large
	 */
	public Response get(String url, String accept) throws IOException {
		HttpGet get = new HttpGet(check(url));
		get.setHeader("Accept", accept);
		return execute(get);
	}

	/**
	 * POSTs a form to a URL.
	 * @param url the URL
	 * @param form the form, already encoded ({@code application/x-www-form-urlencoded})
	 * @return the answer, whatever its status
	 * @throws IOException when the URL is refused, the call fails, or the body is too
	 * large
	 */
	public Response postForm(String url, String form) throws IOException {
		return postForm(url, form, this.properties.readTimeout());
	}

	/**
	 * POSTs a form to a URL, waiting at most the given time (and never longer than
	 * {@code latchkey.outbound.read-timeout}) for the answer.
	 * @param url the URL
	 * @param form the form, already encoded ({@code application/x-www-form-urlencoded})
	 * @param timeout how long the other side may take to answer
	 * @return the answer, whatever its status
	 * @throws IOException when the URL is refused, the call fails, or the body is too
	 * large
	 */
	public Response postForm(String url, String form, java.time.Duration timeout) throws IOException {
		HttpPost post = new HttpPost(check(url));
		java.time.Duration effective = (timeout.compareTo(this.properties.readTimeout()) < 0) ? timeout
				: this.properties.readTimeout();
		post.setConfig(RequestConfig.custom()
			.setConnectionRequestTimeout(Timeout.of(this.properties.connectTimeout()))
			.setResponseTimeout(Timeout.of(effective))
			.setRedirectsEnabled(false)
			.build());
		post.setEntity(
				new StringEntity(form, ContentType.APPLICATION_FORM_URLENCODED.withCharset(StandardCharsets.UTF_8)));
		return execute(post);
	}

	private Response execute(HttpUriRequestBase request) throws IOException {
		int limit = (int) this.properties.maxResponseSize().toBytes();
		try {
			return this.http.execute(request, (response) -> {
				HttpEntity entity = response.getEntity();
				byte[] body = new byte[0];
				if (entity != null) {
					try (InputStream in = entity.getContent()) {
						body = in.readNBytes(limit + 1);
					}
					if (body.length > limit) {
						throw new UnsafeUrlException("responseTooLarge", limit);
					}
				}
				return new Response(response.getCode(), (entity != null) ? entity.getContentType() : null, body);
			});
		}
		catch (UnknownHostException ex) {
			if (ex.getCause() instanceof UnsafeUrlException refused) {
				throw refused;
			}
			throw ex;
		}
		finally {
			request.reset();
		}
	}

	@Override
	public void destroy() throws IOException {
		this.http.close();
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param contentType the declared content type, if any
	 * @param body the body, at most {@code latchkey.outbound.max-response-size}
	 */
	public record Response(int status, @Nullable String contentType, byte[] body) {

		public Response {
			body = body.clone();
		}

		@Override
		public byte[] body() {
			return this.body.clone();
		}

		public boolean isSuccessful() {
			return this.status / 100 == 2;
		}

	}

	/**
	 * Name resolution, replaceable in tests.
	 */
	@FunctionalInterface
	interface HostResolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/**
	 * Resolves for the connection and lets it use only checked addresses: what is checked
	 * is what is connected to.
	 */
	private final class CheckingDnsResolver implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
			try {
				return resolveAndCheck(bare);
			}
			catch (UnsafeUrlException ex) {
				UnknownHostException refused = new UnknownHostException(
						"refused by the SSRF guard: " + ex.reason() + " " + ex.arguments());
				refused.initCause(ex);
				throw refused;
			}
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}

	}

}
