package dev.latchkey.auth.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints the production problems as one readable message instead of a stack trace.
 */
final class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set each missing setting (environment variables shown in capitals), "
						+ "or run in dev mode with --spring.profiles.active=dev.",
				cause);
	}

}
