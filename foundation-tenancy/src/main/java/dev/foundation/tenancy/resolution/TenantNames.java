package dev.foundation.tenancy.resolution;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict parsing of tenant ids and slugs as clients write them.
 */
final class TenantNames {

	// UUID.fromString accepts "1-2-3-4-5"; a client's typo must not silently name another
	// tenant.
	private static final Pattern UUID_TEXT = Pattern
		.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

	private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

	private TenantNames() {
	}

	static Optional<UUID> uuid(String text) {
		return UUID_TEXT.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
	}

	static boolean isSlug(String text) {
		return SLUG.matcher(text).matches();
	}

}
