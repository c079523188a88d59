package dev.latchkey.system;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something observable (a count of answers, a status), never for a fixed time:
 * a loaded machine only makes the wait longer, not the test wrong.
 */
final class Await {

	private static final Duration POLL = Duration.ofMillis(50);

	private Await() {
	}

	static void until(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + timeout + ": " + what);
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for: " + what, ex);
			}
		}
	}

}
