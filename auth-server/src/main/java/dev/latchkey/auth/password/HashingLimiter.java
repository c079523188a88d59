package dev.latchkey.auth.password;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many password hashes are computed at once. Argon2id takes 19 MiB per hash,
 * so a burst of sign-ins without a bound could exhaust the heap; with it, extra requests
 * wait in order of arrival and give up after a short while.
 */
final class HashingLimiter {

	/** One Argon2id hash's memory (19 MiB) plus room for the rest of its request. */
	static final long BYTES_PER_HASH = 24L * 1024 * 1024;

	private static final ThreadLocal<Boolean> HOLDING = ThreadLocal.withInitial(() -> false);

	private final Semaphore permits;

	private final int capacity;

	private final Duration maxWait;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	HashingLimiter(int capacity, Duration maxWait) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1");
		}
		this.capacity = capacity;
		this.maxWait = maxWait;
		this.permits = new Semaphore(capacity, true);
	}

	/**
	 * The automatic capacity: no more hashes than cores (Argon2id with p=1 keeps one core
	 * busy, so more would only queue inside the CPU), and no more than a quarter of the
	 * heap can hold.
	 * @param cores the available processors
	 * @param maxHeapBytes the heap limit
	 * @return the capacity, at least 1
	 */
	static int capacityFor(int cores, long maxHeapBytes) {
		long byMemory = maxHeapBytes / 4 / BYTES_PER_HASH;
		return (int) Math.max(1, Math.min(cores, byMemory));
	}

	/**
	 * Runs hash computations when it is their turn; nested calls share the turn.
	 * @param hashing the computation
	 * @param <T> its result type
	 * @return its result
	 * @throws PasswordHashingBusyException if the turn did not come within the wait
	 */
	<T> T call(Supplier<T> hashing) {
		if (HOLDING.get()) {
			// Already this thread's turn: its hashes run one after another, so one permit
			// still bounds its memory, and it does not queue again behind everyone else.
			return hashing.get();
		}
		acquire();
		HOLDING.set(true);
		int now = this.inFlight.incrementAndGet();
		this.mostInFlight.accumulateAndGet(now, Math::max);
		try {
			return hashing.get();
		}
		finally {
			this.inFlight.decrementAndGet();
			HOLDING.remove();
			this.permits.release();
		}
	}

	private void acquire() {
		try {
			if (!this.permits.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new PasswordHashingBusyException();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PasswordHashingBusyException();
		}
	}

	int capacity() {
		return this.capacity;
	}

	Duration maxWait() {
		return this.maxWait;
	}

	/**
	 * The most hashes that were ever computed at once, for tests and measurements.
	 * @return the high-water mark
	 */
	int mostInFlight() {
		return this.mostInFlight.get();
	}

}
