package dev.latchkey.auth.lockout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the tests move by hand, shared by every node: windows and locks pass only when
 * a test says so, and nothing sleeps.
 */
final class MovableClock extends Clock {

	private volatile Instant now;

	MovableClock(Instant start) {
		this.now = start;
	}

	synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("MovableClock is UTC only");
	}

}
