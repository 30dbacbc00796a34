package dev.foundation.tenancy;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A member's role in a tenant. Roles form a hierarchy,
 * {@code OWNER > ADMIN > MEMBER > VIEWER}: each role includes every role below it.
 * Declared from lowest to highest, so {@link #compareTo} orders by privilege.
 */
public enum TenantRole {

	/** May read the tenant's data. */
	VIEWER,

	/** May read and change the tenant's data. */
	MEMBER,

	/** May also manage the tenant's members and settings. */
	ADMIN,

	/**
	 * May do everything, including deleting the tenant; every tenant created through the
	 * API keeps at least one.
	 */
	OWNER;

	private static final String CLERK_PREFIX = "org:";

	/**
	 * Whether this role includes another, i.e. is the same or higher.
	 * @param other the role required
	 * @return {@code true} if a holder of this role may act as {@code other}
	 */
	public boolean includes(TenantRole other) {
		return compareTo(Objects.requireNonNull(other, "other")) >= 0;
	}

	/**
	 * Returns the role's name as stored and as written in tokens: {@code owner},
	 * {@code admin}, {@code member} or {@code viewer}.
	 * @return the lowercase name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses a role as identity providers write it: {@code admin}, {@code ADMIN}, or with
	 * Clerk's organization prefix, {@code org:admin}. Surrounding whitespace is ignored.
	 * @param role the provider's role string
	 * @return the role, or empty if the string names none of the four roles (e.g. a
	 * custom Clerk role)
	 */
	public static Optional<TenantRole> parse(String role) {
		String value = role.strip().toLowerCase(Locale.ROOT);
		if (value.startsWith(CLERK_PREFIX)) {
			value = value.substring(CLERK_PREFIX.length());
		}
		for (TenantRole candidate : values()) {
			if (candidate.value().equals(value)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the highest role among provider role strings, e.g. the principal's roles;
	 * strings that name no role are ignored.
	 * @param roles the provider's role strings
	 * @return the highest role named, or empty if none is
	 */
	public static Optional<TenantRole> highestOf(Collection<String> roles) {
		return roles.stream().map(TenantRole::parse).flatMap(Optional::stream).max(TenantRole::compareTo);
	}

}
