package dev.latchkey.auth.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A signing key that does not open at startup is reported as one readable message (which
 * key-encryption key is missing, or that the data was tampered with), not a stack trace.
 */
final class KeyDecryptionFailureAnalyzer extends AbstractFailureAnalyzer<KeyDecryptionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KeyDecryptionException cause) {
		return new FailureAnalysis("Latchkey cannot open its signing keys: " + cause.getMessage(),
				"Configure the key-encryption key the signing keys were stored with (LATCHKEY_KEK or "
						+ "LATCHKEY_KEK_FILE; older ones in LATCHKEY_KEK_PREVIOUS). A tampered key must be revoked.",
				cause);
	}

}
