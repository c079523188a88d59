package dev.latchkey.auth.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An end user's account: the aggregate root of {@code account} and its roles.
 */
@Table("account")
final class Account {

	@Id
	private final UUID id;

	private final String email;

	private String displayName;

	private String passwordHash;

	private boolean enabled;

	private boolean emailVerified;

	private final Instant createdAt;

	private Instant passwordChangedAt;

	@MappedCollection(idColumn = "account_id")
	private Set<AccountRole> roles;

	@Version
	@SuppressFBWarnings(value = "URF_UNREAD_FIELD",
			justification = "Spring Data JDBC reads and sets the @Version field for optimistic locking")
	private @Nullable Long version;

	@PersistenceCreator
	Account(UUID id, String email, String displayName, String passwordHash, boolean enabled, boolean emailVerified,
			Instant createdAt, Instant passwordChangedAt, Set<AccountRole> roles, @Nullable Long version) {
		this.id = id;
		this.email = email;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.emailVerified = emailVerified;
		this.createdAt = createdAt;
		this.passwordChangedAt = passwordChangedAt;
		this.roles = roles;
		this.version = version;
	}

	static Account create(String email, String displayName, String passwordHash, Set<Role> roles, Instant now) {
		return new Account(UUID.randomUUID(), normalizeEmail(email), displayName, passwordHash, true, false, now, now,
				toRows(roles), null);
	}

	static String normalizeEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	UUID id() {
		return this.id;
	}

	String email() {
		return this.email;
	}

	String displayName() {
		return this.displayName;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	boolean enabled() {
		return this.enabled;
	}

	boolean emailVerified() {
		return this.emailVerified;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant passwordChangedAt() {
		return this.passwordChangedAt;
	}

	Set<Role> roles() {
		return this.roles.stream()
			.map(AccountRole::role)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
	}

	void changePassword(String newHash, Instant at) {
		this.passwordHash = newHash;
		this.passwordChangedAt = at;
	}

	/**
	 * Replaces the stored hash with a stronger one of the same password; the password
	 * itself did not change, so neither does its change time.
	 */
	void upgradeHash(String newHash) {
		this.passwordHash = newHash;
	}

	void grantExactly(Set<Role> newRoles) {
		this.roles = toRows(newRoles);
	}

	void rename(String newDisplayName) {
		this.displayName = newDisplayName;
	}

	void enable() {
		this.enabled = true;
	}

	void disable() {
		this.enabled = false;
	}

	void markEmailVerified() {
		this.emailVerified = true;
	}

	AccountSummary summary() {
		return new AccountSummary(this.id, this.email, this.displayName, roles(), this.enabled, this.emailVerified,
				this.createdAt, this.passwordChangedAt);
	}

	private static Set<AccountRole> toRows(Set<Role> roles) {
		return roles.stream().map(AccountRole::new).collect(Collectors.toSet());
	}

}
