package dev.latchkey.bench;

/**
 * A request that did not answer as the scenario expects: counted as an error, unless the
 * server shed it.
 */
final class BenchException extends RuntimeException {

	private final boolean shed;

	BenchException(String message) {
		this(message, false);
	}

	/**
	 * @param shed whether the server turned the request away as designed under overload
	 * (503 with {@code Retry-After}) rather than failing it
	 */
	BenchException(String message, boolean shed) {
		super(message, null, false, false);
		this.shed = shed;
	}

	boolean shed() {
		return this.shed;
	}

}
