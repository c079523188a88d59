package dev.latchkey.auth.login;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Rules a feature adds to the user-facing filter chain (there are two chains and no more,
 * STYLE.md): every bean of this type is applied before the chain's own rules, whose last
 * one is "anything else needs a signed-in person".
 */
public interface UserChainRules {

	/**
	 * Adds this feature's rules.
	 * @param http the user-facing chain being built
	 */
	void applyTo(HttpSecurity http);

}
