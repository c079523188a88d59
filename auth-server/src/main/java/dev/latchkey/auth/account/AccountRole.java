package dev.latchkey.auth.account;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One role held by an account (a row of {@code account_role}).
 *
 * @param role the role
 */
@Table("account_role")
record AccountRole(Role role) {
}
