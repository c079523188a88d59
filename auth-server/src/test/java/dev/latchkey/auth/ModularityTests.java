package dev.latchkey.auth;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module that others use only through its public API, and the
 * modules form no cycle.
 */
class ModularityTests {

	@Test
	void modulesWhenVerifiedThenNoViolations() {
		ApplicationModules.of(LatchkeyApplication.class).verify();
	}

}
