package dev.latchkey.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, shared by every node of a test: time passes only when the
 * test says so.
 */
final class TestClock extends Clock {

	private volatile Instant now;

	TestClock(Instant start) {
		this.now = start;
	}

	void advance(Duration duration) {
		synchronized (this) {
			this.now = this.now.plus(duration);
		}
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
		throw new UnsupportedOperationException("TestClock is UTC only");
	}

}
