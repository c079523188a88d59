package dev.latchkey.auth.client;

/**
 * No client has the given client id.
 */
public class UnknownClientException extends RuntimeException {

	public UnknownClientException(String clientId) {
		super("No client with client id " + clientId);
	}

}
