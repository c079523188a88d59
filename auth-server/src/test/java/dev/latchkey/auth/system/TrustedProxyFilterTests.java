package dev.latchkey.auth.system;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedProxyFilterTests {

	private final TrustedProxyFilter filter = new TrustedProxyFilter(List.of("10.0.0.0/8", "192.168.1.5"));

	@Test
	void filterWhenRequestFromUntrustedAddressThenForwardedHeadersIgnoredAndRemoved() throws Exception {
		MockHttpServletRequest request = request("203.0.113.9");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		request.addHeader("X-Forwarded-Proto", "https");
		request.addHeader("X-Forwarded-Host", "evil.example");
		HttpServletRequest seen = filter(request);
		assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
		assertThat(seen.isSecure()).isFalse();
		assertThat(seen.getServerName()).isEqualTo("localhost");
		assertThat(seen.getHeader("X-Forwarded-For")).isNull();
		assertThat(seen.getHeader("X-Forwarded-Host")).isNull();
	}

	@Test
	void filterWhenRequestFromTrustedProxyThenSchemeHostAndClientApplied() throws Exception {
		MockHttpServletRequest request = request("10.1.2.3");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		request.addHeader("X-Forwarded-Proto", "https");
		request.addHeader("X-Forwarded-Host", "id.example.com");
		HttpServletRequest seen = filter(request);
		assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.1");
		assertThat(seen.isSecure()).isTrue();
		assertThat(seen.getServerName()).isEqualTo("id.example.com");
	}

	@Test
	void clientAddressWhenClientSpoofsLeftmostHopThenRightmostUntrustedWins() throws Exception {
		MockHttpServletRequest request = request("10.1.2.3");
		request.addHeader("X-Forwarded-For", "1.1.1.1, 198.51.100.7, 192.168.1.5");
		assertThat(filter(request).getRemoteAddr()).isEqualTo("198.51.100.7");
	}

	@Test
	void clientAddressWhenGarbageHopThenTreatedAsUntrustedNotCrash() throws Exception {
		MockHttpServletRequest request = request("10.1.2.3");
		request.addHeader("X-Forwarded-For", "not-an-ip");
		assertThat(filter(request).getRemoteAddr()).isEqualTo("not-an-ip");
		assertThat(this.filter.isTrusted("not-an-ip")).isFalse();
	}

	private static MockHttpServletRequest request(String remoteAddress) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
		request.setRemoteAddr(remoteAddress);
		request.setServerName("localhost");
		return request;
	}

	private HttpServletRequest filter(MockHttpServletRequest request) throws Exception {
		AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set((HttpServletRequest) req));
		return seen.get();
	}

}
