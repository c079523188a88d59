package dev.latchkey.auth.password;

/**
 * What a page tells people about the password rules in force.
 *
 * @param minLength the fewest characters
 * @param maxLength the most characters
 * @param composition whether upper and lower case, a digit and a symbol are required
 */
public record PasswordRules(int minLength, int maxLength, boolean composition) {
}
