package dev.latchkey.resource;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each package of the sample is a module that others use only through its public API, and
 * the modules form no cycle.
 */
class ModularityTests {

	@Test
	void modulesWhenVerifiedThenNoViolations() {
		ApplicationModules.of(ResourceServerApplication.class).verify();
	}

}
