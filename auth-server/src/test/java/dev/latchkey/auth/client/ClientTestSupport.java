package dev.latchkey.auth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * What the client tests add to the server: a clock they move forward, and a record of the
 * client events published.
 */
@TestConfiguration(proxyBeanMethods = false)
class ClientTestSupport {

	static final String INITIAL_ACCESS_TOKEN = "test-initial-access-token-0123456789abcdef";

	@Bean
	@Primary
	MovableClock movableClock() {
		return new MovableClock();
	}

	@Bean
	ClientEvents clientEvents() {
		return new ClientEvents();
	}

	/**
	 * The system clock plus an offset the test moves.
	 */
	static final class MovableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration duration) {
			this.offset = this.offset.plus(duration);
		}

		void reset() {
			this.offset = Duration.ZERO;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

	/**
	 * The events of the client package, in order.
	 */
	static final class ClientEvents {

		final List<Object> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(PayloadApplicationEvent<?> event) {
			if (event.getPayload().getClass().getPackageName().equals(ClientEvents.class.getPackageName())) {
				this.received.add(event.getPayload());
			}
		}

		<E> List<E> of(Class<E> type) {
			return this.received.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
