package dev.foundation.tenancy.internal;

import java.util.Objects;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.error.ValidationException;

/**
 * Checks of caller input, so that a wrong value is refused with a message naming the
 * field rather than with a database error.
 */
final class TenantInputs {

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_ID_LENGTH = 255;

	private TenantInputs() {
	}

	static String slug(String slug) {
		Objects.requireNonNull(slug, "slug");
		if (!Slugs.isValid(slug)) {
			throw new ValidationException("slug",
					"must be 2 to 63 lowercase letters, digits or hyphens, not starting with a hyphen");
		}
		return slug;
	}

	static String name(String name) {
		Objects.requireNonNull(name, "name");
		String stripped = name.strip();
		if (stripped.isEmpty()) {
			throw new ValidationException("name", "must not be blank");
		}
		if (stripped.length() > MAX_NAME_LENGTH) {
			throw new ValidationException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
		}
		return stripped;
	}

	/**
	 * A user id or an external id: given by an identity provider, so taken as is, but
	 * never blank or huge.
	 */
	static String id(String field, String value) {
		Objects.requireNonNull(value, field);
		if (value.isBlank()) {
			throw new ValidationException(field, "must not be blank");
		}
		if (value.length() > MAX_ID_LENGTH) {
			throw new ValidationException(field, "must be at most " + MAX_ID_LENGTH + " characters");
		}
		return value;
	}

	/** A user: issuer and subject each taken as {@link #id}. */
	static UserIdentity identity(String field, UserIdentity user) {
		Objects.requireNonNull(user, field);
		id(field + ".issuer", user.issuer());
		id(field + ".subject", user.subject());
		return user;
	}

}
