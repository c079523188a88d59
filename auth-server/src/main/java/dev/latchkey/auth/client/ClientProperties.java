package dev.latchkey.auth.client;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Client registration settings.
 *
 * @param localhostRedirects whether {@code http://localhost} redirect URIs are accepted
 * (dev mode); loopback IP literals ({@code http://127.0.0.1}, {@code http://[::1]}) are
 * always accepted for native apps (RFC 8252)
 * @param dynamicRegistration OAuth 2.0 Dynamic Client Registration (RFC 7591)
 */
@ConfigurationProperties("latchkey.clients")
record ClientProperties(@DefaultValue("false") boolean localhostRedirects,
		@DefaultValue DynamicRegistration dynamicRegistration) {

	/**
	 * Dynamic client registration at {@code /connect/register}.
	 *
	 * @param enabled whether the endpoint exists (off by default)
	 * @param initialAccessToken the bearer token a caller must present; from the
	 * environment, at least 32 characters
	 */
	record DynamicRegistration(@DefaultValue("false") boolean enabled, @DefaultValue("") String initialAccessToken) {

		static final int MIN_TOKEN_LENGTH = 32;

		DynamicRegistration {
			if (enabled && initialAccessToken.length() < MIN_TOKEN_LENGTH) {
				throw new IllegalArgumentException("latchkey.clients.dynamic-registration.initial-access-token "
						+ "(LATCHKEY_CLIENTS_DYNAMICREGISTRATION_INITIALACCESSTOKEN) must be set, at least "
						+ MIN_TOKEN_LENGTH + " characters (e.g. `openssl rand -base64 32`), when dynamic "
						+ "registration is enabled");
			}
		}

		@Override
		public String toString() {
			return "DynamicRegistration[enabled=" + this.enabled + "]";
		}

	}

}
