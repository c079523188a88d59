package dev.latchkey.bench;

/**
 * A request that did not answer as the scenario expects: counted as an error.
 */
final class BenchException extends RuntimeException {

	BenchException(String message) {
		super(message, null, false, false);
	}

}
