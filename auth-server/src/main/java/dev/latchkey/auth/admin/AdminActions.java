package dev.latchkey.auth.admin;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.latchkey.auth.audit.AuditEvent;
import dev.latchkey.auth.audit.AuditLog;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an admin action and records it in the audit log, in one transaction: the change
 * and its record commit together or not at all.
 */
@Component
final class AdminActions {

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	AdminActions(AuditLog audit, PlatformTransactionManager transactionManager) {
		this.audit = audit;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Performs the work and records it.
	 * @param operator who acts
	 * @param type the audit event type ({@code admin.user.created})
	 * @param work the change
	 * @param target what the change was done to, from its result
	 * @return the work's result
	 */
	<T> T perform(Operator operator, String type, Supplier<T> work, Function<T, Target> target) {
		T result = this.transactions.execute((status) -> {
			T done = work.get();
			Target what = target.apply(done);
			this.audit
				.record(new AuditEvent(type, operator.actor(), operator.address(), what.subject(), what.details()));
			return done;
		});
		if (result == null) {
			throw new IllegalStateException("The action " + type + " returned nothing");
		}
		return result;
	}

	/**
	 * What an action was done to.
	 *
	 * @param subject the subject ({@code account:<id>}, {@code key:<kid>})
	 * @param details more, no secrets
	 */
	record Target(@Nullable String subject, Map<String, String> details) {

		static Target of(@Nullable String subject) {
			return new Target(subject, Map.of());
		}

	}

}
