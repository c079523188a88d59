package dev.latchkey.auth.system;

import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseUnavailableFilterTests {

	private final DatabaseUnavailableFilter filter = new DatabaseUnavailableFilter(messages());

	@Test
	void filterWhenDatabaseUnreachableThenServiceUnavailableProblem() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(new MockHttpServletRequest("POST", "/oauth2/token"), response, (req, res) -> {
			throw new CannotGetJdbcConnectionException("down",
					new SQLTransientConnectionException("Connection is not available"));
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":503").doesNotContain("Connection is not");
	}

	@Test
	void filterWhenBrowserAndDatabaseUnreachableThenShortPage() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
		request.addHeader("Accept", "text/html");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			throw new ServletException(new CannotGetJdbcConnectionException("down"));
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentAsString()).contains("<h1>Busy right now</h1>");
	}

	@Test
	void filterWhenOtherFailureThenPropagated() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(
				() -> this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), (req, res) -> {
					throw new IllegalStateException("bug");
				}));
	}

	private static StaticMessageSource messages() {
		StaticMessageSource messages = new StaticMessageSource();
		messages.addMessage("error.503.title", java.util.Locale.ENGLISH, "Busy right now");
		messages.addMessage("error.503.text", java.util.Locale.ENGLISH, "Try again.");
		return messages;
	}

}
