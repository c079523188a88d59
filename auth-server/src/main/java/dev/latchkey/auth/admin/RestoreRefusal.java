package dev.latchkey.auth.admin;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import org.springframework.dao.DataAccessException;

/**
 * Why a restore was refused, in words for an operator, without the values of the backup:
 * PostgreSQL's own messages quote the value they refuse, and a backup holds password
 * hashes and encrypted keys.
 */
final class RestoreRefusal {

	private static final int SHOWN = 80;

	private RestoreRefusal() {
	}

	/**
	 * Why the database refused rows of a backup: the kind of problem with the constraint
	 * or column it concerns, never the value.
	 * @param failure what the database answered
	 * @return a message for the operator
	 */
	static String of(DataAccessException failure) {
		ServerErrorMessage detail = serverMessage(failure);
		String state = (detail != null) ? detail.getSQLState() : null;
		if (detail == null || state == null) {
			return "the database refused them";
		}
		String kind = switch (state.substring(0, 2)) {
			case "22" -> "a value does not fit its column's type";
			case "23" -> "a row breaks a rule of the schema (a missing value, a duplicate, or a reference to a "
					+ "row the backup lacks)";
			default -> "the database refused them";
		};
		return kind + " (SQLSTATE " + state + named(", constraint ", detail.getConstraint())
				+ named(", column ", detail.getColumn()) + ")";
	}

	/**
	 * A name read from the backup, shortened and on one line, for a message.
	 * @param text the name as the backup has it
	 * @return the name as a message shows it
	 */
	static String shown(String text) {
		String line = text.replaceAll("\\p{Cntrl}", "?");
		return (line.length() <= SHOWN) ? line : line.substring(0, SHOWN) + "...";
	}

	private static String named(String label, @Nullable String name) {
		return (name != null) ? label + name : "";
	}

	private static @Nullable ServerErrorMessage serverMessage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					if (next instanceof PSQLException postgres && postgres.getServerErrorMessage() != null) {
						return postgres.getServerErrorMessage();
					}
				}
			}
		}
		return null;
	}

}
