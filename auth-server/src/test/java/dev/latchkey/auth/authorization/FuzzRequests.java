package dev.latchkey.auth.authorization;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * Turns fuzzer input into the requests the servlet container would hand Latchkey.
 */
final class FuzzRequests {

	static final String ISSUER = "http://localhost:9000";

	private FuzzRequests() {
	}

	/**
	 * A request whose parameters are parsed from a raw {@code a=b&c=d} string as Tomcat
	 * parses them: UTF-8, {@code +} is a space, a pair with a broken escape is dropped.
	 */
	static MockHttpServletRequest withParameters(String method, String path, String parameters) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setServerName("localhost");
		request.setServerPort(9000);
		if ("GET".equals(method)) {
			request.setQueryString(parameters);
		}
		else {
			request.setContentType("application/x-www-form-urlencoded");
			request.setContent(parameters.getBytes(StandardCharsets.UTF_8));
		}
		for (String pair : parameters.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			try {
				request.addParameter(decode(name), decode(value));
			}
			catch (IllegalArgumentException brokenEscape) {
				// Tomcat skips a parameter it cannot decode.
			}
		}
		return request;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	/**
	 * The issuer and endpoint settings the protocol filters read, as the server sets
	 * them.
	 */
	static void setServerContext() {
		AuthorizationServerSettings settings = AuthorizationServerSettings.builder().issuer(ISSUER).build();
		AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
			@Override
			public String getIssuer() {
				return ISSUER;
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return settings;
			}
		});
	}

}
