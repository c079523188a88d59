package dev.latchkey.resource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

/**
 * Calls the API over real HTTP, as a client would.
 */
public final class TestApi {

	private final String baseUrl;

	private final HttpClient http = HttpClient.newHttpClient();

	public TestApi(int port) {
		this("http://localhost:" + port);
	}

	public TestApi(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public HttpResponse<String> get(String path, @Nullable String token) {
		return send(request(path, token).GET().build());
	}

	public HttpResponse<String> post(String path, @Nullable String token, String json) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public HttpResponse<String> put(String path, @Nullable String token, String json) {
		return send(request(path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public HttpResponse<String> delete(String path, @Nullable String token) {
		return send(request(path, token).DELETE().build());
	}

	public HttpResponse<String> call(String method, String path, @Nullable String token, HttpRequest.BodyPublisher body,
			Map<String, String> headers) {
		HttpRequest.Builder request = request(path, token).method(method, body);
		headers.forEach(request::header);
		return send(request.build());
	}

	public HttpRequest.Builder request(String path, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static Map<String, Object> json(HttpResponse<String> response) {
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a JSON object (status " + response.statusCode() + "): " + response.body(),
					ex);
		}
	}

	public static String createdId(HttpResponse<String> created) {
		Object id = json(created).get("id");
		if (id == null) {
			throw new AssertionError("No id in " + created.body());
		}
		return String.valueOf(((Number) id).longValue());
	}

}
