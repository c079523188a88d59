package dev.latchkey.auth.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the audit chain's newest entry and hash to the application log at a fixed
 * interval ({@code latchkey.audit.anchor-interval}, default one hour). Shipped to a log
 * store the database's users cannot change, these lines are anchors: {@code admin audit
 * verify --anchor ID:HASH} then detects a rewrite of the whole table, which the chain
 * alone cannot. A hash is not a secret; nothing else is logged.
 */
@Component
final class AuditAnchorLog {

	private static final Logger logger = LoggerFactory.getLogger(AuditAnchorLog.class);

	private final AuditLog audit;

	AuditAnchorLog(AuditLog audit) {
		this.audit = audit;
	}

	@Scheduled(initialDelayString = "${latchkey.audit.anchor-interval:1h}",
			fixedDelayString = "${latchkey.audit.anchor-interval:1h}")
	void logHead() {
		this.audit.head().ifPresent((head) -> logger.info("Audit chain anchor {}", head));
	}

}
