package dev.foundation.tenancy.resolution.redis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;

/**
 * The string form of cached entries: a version tag, then fields separated by {@code |},
 * the one free-text field last so that it may hold any character. Anything else,
 * including entries of a future version, reads as a miss.
 * <p>
 * {@code t1|<id>|<slug>|<ACTIVE|SUSPENDED>|<created-at ISO-8601>|<name>} and
 * {@code m1|<tenant id>|<role>|<created-at ISO-8601>|<user id>}.
 */
final class RedisEntries {

	private static final String TENANT = "t1";

	private static final String MEMBERSHIP = "m1";

	private RedisEntries() {
	}

	static String tenant(Tenant tenant) {
		return String.join("|", TENANT, tenant.id().toString(), tenant.slug(), tenant.status().name(),
				tenant.createdAt().toString(), tenant.name());
	}

	static Optional<Tenant> tenant(String entry) {
		String[] fields = entry.split("\\|", 6);
		if (fields.length != 6 || !TENANT.equals(fields[0])) {
			return Optional.empty();
		}
		try {
			return Optional.of(new Tenant(UUID.fromString(fields[1]), fields[2], fields[5],
					TenantStatus.valueOf(fields[3]), Instant.parse(fields[4])));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	static String membership(Membership membership) {
		return String.join("|", MEMBERSHIP, membership.tenantId().toString(), membership.role().name(),
				membership.createdAt().toString(), identity(membership.user()));
	}

	/**
	 * A user as one token without {@code |} or {@code :}: issuer and subject, each
	 * base64url-encoded, joined by a dot (issuers are URLs and subjects are chosen by
	 * issuers, so neither can be trusted to avoid separators).
	 */
	static String identity(UserIdentity user) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(user.issuer().getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(user.subject().getBytes(StandardCharsets.UTF_8));
	}

	static UserIdentity identity(String token) {
		int dot = token.indexOf('.');
		if (dot < 0) {
			throw new IllegalArgumentException("Not an encoded user identity");
		}
		Base64.Decoder decoder = Base64.getUrlDecoder();
		return new UserIdentity(new String(decoder.decode(token.substring(0, dot)), StandardCharsets.UTF_8),
				new String(decoder.decode(token.substring(dot + 1)), StandardCharsets.UTF_8));
	}

	static Optional<Membership> membership(String entry) {
		String[] fields = entry.split("\\|", 5);
		if (fields.length != 5 || !MEMBERSHIP.equals(fields[0])) {
			return Optional.empty();
		}
		try {
			return Optional.of(new Membership(UUID.fromString(fields[1]), identity(fields[4]),
					TenantRole.valueOf(fields[2]), Instant.parse(fields[3])));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

}
