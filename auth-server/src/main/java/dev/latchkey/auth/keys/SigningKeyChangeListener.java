package dev.latchkey.auth.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for key changes made on any node ({@code LISTEN latchkey_signing_key}) and
 * drops this node's key cache at once, so a rotation or a revocation reaches every node
 * within moments rather than one cache period. Holds one pooled connection while running;
 * if the connection breaks it reconnects, and the cache period still bounds how stale a
 * node can be.
 */
@Component
@ConditionalOnWebApplication
final class SigningKeyChangeListener implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyChangeListener.class);

	private static final int POLL_MILLIS = 1000;

	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final SigningKeySource source;

	private volatile boolean running;

	private @Nullable Thread thread;

	SigningKeyChangeListener(DataSource dataSource, SigningKeySource source) {
		this.dataSource = dataSource;
		this.source = source;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		Thread listener = new Thread(this::listen, "latchkey-signing-key-listener");
		listener.setDaemon(true);
		listener.start();
		this.thread = listener;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread listener = this.thread;
		if (listener != null) {
			listener.interrupt();
			try {
				listener.join(2 * POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + JdbcSigningKeys.CHANNEL);
				}
				// Changes made while this node was not listening are not announced again.
				this.source.refresh();
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
					if (notifications != null && notifications.length > 0) {
						this.source.refresh();
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					logger.warn("Not listening for signing key changes (retrying in {}): {}", RECONNECT_DELAY,
							ex.getMessage());
					pause();
				}
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(RECONNECT_DELAY.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
