package dev.latchkey.auth.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * While PostgreSQL is unreachable, answers 503 with {@code Retry-After} at once, as a
 * short page or problem details, instead of a 500 or a hang. It renders without a session
 * or a template, because those need the database too.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private final MessageSource messages;

	DatabaseUnavailableFilter(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException | IOException ex) {
			if (!isDatabaseUnavailable(ex) || response.isCommitted()) {
				throw ex;
			}
			logger.warn("Database unavailable, answered 503: {}", ex.getClass().getSimpleName());
			respond(request, response);
		}
	}

	/**
	 * Whether the failure comes from losing the database: no connection to be had, a
	 * connection broken mid-request (SQL state class 08, or 57P01-03 when PostgreSQL
	 * shuts down), or a commit or rollback that failed for that reason.
	 */
	static boolean isDatabaseUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
				return true;
			}
			if (cause instanceof TransactionSystemException transaction && transaction.getOriginalException() != null
					&& isDatabaseUnavailable(transaction.getOriginalException())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isConnectionState(@Nullable String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
	}

	private void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.resetBuffer();
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Retry-After", "5");
		response.setHeader("Cache-Control", "no-store");
		String accept = request.getHeader("Accept");
		if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
			Locale locale = request.getLocale();
			String title = HtmlUtils.htmlEscape(this.messages.getMessage("error.503.title", null, "Busy", locale));
			String text = HtmlUtils.htmlEscape(this.messages.getMessage("error.503.text", null, "", locale));
			response.setContentType("text/html;charset=UTF-8");
			response.getOutputStream()
				.write(("<!DOCTYPE html><html lang=\"" + HtmlUtils.htmlEscape(locale.getLanguage()) + "\"><head>"
						+ "<meta charset=\"utf-8\"><title>" + title + "</title>"
						+ "<link rel=\"stylesheet\" href=\"/css/latchkey.css\"></head><body><main class=\"content\">"
						+ "<h1>" + title + "</h1><p>" + text + "</p></main></body></html>")
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}"
				.getBytes(StandardCharsets.UTF_8));
	}

}
