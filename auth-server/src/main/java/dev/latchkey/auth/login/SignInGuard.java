package dev.latchkey.auth.login;

import org.springframework.security.authentication.AuthenticationProvider;

/**
 * Wraps the password sign-in of the sign-in form, for features that must act around every
 * attempt: the lockout feature refuses a locked account in the same way and time as a
 * wrong password, and counts failures. Any number of beans may implement it; each wraps
 * the ones before it in their order.
 * <p>
 * CAUTION: whatever a guard refuses must look exactly like a wrong password (a
 * {@link org.springframework.security.authentication.BadCredentialsException} after the
 * same password hash), or the sign-in page tells an attacker more than it should.
 */
@FunctionalInterface
public interface SignInGuard {

	/**
	 * Wraps the password sign-in.
	 * @param passwordSignIn the sign-in to wrap (it checks email and password)
	 * @return the wrapped sign-in
	 */
	AuthenticationProvider guard(AuthenticationProvider passwordSignIn);

}
