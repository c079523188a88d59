package dev.latchkey.auth.account;

/**
 * The roles of DESIGN.md, highest first; each includes the ones below it.
 */
public enum Role {

	ADMIN, MANAGER, USER, GUEST;

	/**
	 * The Spring Security authority of this role.
	 * @return {@code ROLE_} and the name
	 */
	public String authority() {
		return "ROLE_" + name();
	}

}
