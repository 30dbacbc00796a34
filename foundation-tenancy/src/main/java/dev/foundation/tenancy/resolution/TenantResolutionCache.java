package dev.foundation.tenancy.resolution;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.cache.CacheScope;
import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.FoundationCache;
import dev.foundation.core.cache.FoundationCaches;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;

/**
 * The tenants and memberships {@link TenantResolution} found, kept in three of the
 * foundation's caches ({@link FoundationCaches}: an in-process tier in front of Redis
 * when the application has it):
 * <ul>
 * <li>{@value #TENANTS}: a tenant, in its own tenant's scope;</li>
 * <li>{@value #MEMBERSHIPS}: a membership, in its tenant's scope, by user;</li>
 * <li>{@value #TENANT_NAMES}: which tenant id a slug or an external id stands for (global
 * scope), trusted for a slug only if the tenant it leads to still has it.</li>
 * </ul>
 * Absent values are cached nowhere, so requests naming random tenants cannot fill the
 * caches and a tenant or membership created a moment ago is seen at once. Changes made
 * through the {@link dev.foundation.tenancy.TenantDirectory} reach the cache through
 * {@link #invalidateTenant} and {@link #invalidateMembership} (wired to the directory's
 * listeners), which bump the tenant's namespace: every instance stops serving the old
 * entries at once, and a value a request loaded before the change committed is stored
 * under the old version, where nobody reads.
 */
public final class TenantResolutionCache {

	/** The cache of tenants. */
	public static final String TENANTS = "foundation-tenants";

	/** The cache of memberships. */
	public static final String MEMBERSHIPS = "foundation-memberships";

	/** The cache of tenant names (slugs, external ids) to tenant ids. */
	public static final String TENANT_NAMES = "foundation-tenant-names";

	private static final String TENANT = "tenant";

	private final FoundationCache tenants;

	private final FoundationCache memberships;

	private final FoundationCache names;

	/**
	 * Creates the cache.
	 * @param caches the foundation's caches
	 * @param settings the settings of the three caches (what
	 * {@code foundation.cache.caches.<name>} sets still wins)
	 */
	public TenantResolutionCache(FoundationCaches caches, CacheSettings settings) {
		this.tenants = caches.cache(TENANTS, settings);
		this.memberships = caches.cache(MEMBERSHIPS, settings);
		this.names = caches.cache(TENANT_NAMES, settings);
	}

	Optional<Tenant> tenant(TenantCandidate candidate, Function<TenantCandidate, Optional<Tenant>> directory) {
		if (candidate.kind() == TenantCandidate.Kind.ID) {
			UUID id;
			try {
				id = UUID.fromString(candidate.value());
			}
			catch (IllegalArgumentException ex) {
				return directory.apply(candidate);
			}
			return byId(id, () -> directory.apply(candidate));
		}
		String alias = aliasKey(candidate);
		Optional<String> named = this.names.get(CacheScope.global(), alias, String.class,
				() -> directory.apply(candidate).map((tenant) -> tenant.id().toString()));
		if (named.isEmpty()) {
			return Optional.empty();
		}
		UUID id;
		try {
			id = UUID.fromString(named.get());
		}
		catch (IllegalArgumentException ex) {
			return directory.apply(candidate);
		}
		// Looked up by id under the version seen before the lookup (even right after the
		// directory found it by name), so that a change committing meanwhile cannot be
		// undone by this write.
		Optional<Tenant> tenant = byId(id, () -> directory.apply(TenantCandidate.byId(id)));
		if (candidate.kind() == TenantCandidate.Kind.SLUG
				&& tenant.filter((found) -> found.slug().equals(candidate.value())).isEmpty()) {
			// The slug moved to another tenant since the name was cached: the directory
			// decides.
			this.names.evict(CacheScope.global(), alias);
			return directory.apply(candidate);
		}
		return tenant;
	}

	private Optional<Tenant> byId(UUID id, Supplier<Optional<Tenant>> directory) {
		return this.tenants.get(scope(id), TENANT, Tenant.class, directory).filter((tenant) -> tenant.id().equals(id));
	}

	/**
	 * Keeps a tenant just provisioned (new, so nothing can be stale about it).
	 */
	void putTenant(TenantCandidate candidate, Tenant tenant) {
		this.tenants.put(scope(tenant.id()), TENANT, tenant);
		if (candidate.kind() != TenantCandidate.Kind.ID) {
			this.names.put(CacheScope.global(), aliasKey(candidate), tenant.id().toString());
		}
	}

	Optional<Membership> membership(UUID tenantId, UserIdentity user,
			Function<MemberKey, Optional<Membership>> directory) {
		MemberKey key = new MemberKey(tenantId, user);
		return this.memberships.get(scope(tenantId), identity(user), Membership.class, () -> directory.apply(key))
			.filter((membership) -> membership.tenantId().equals(tenantId) && membership.user().equals(user));
	}

	/**
	 * Drops a changed tenant, however it was named, on every instance.
	 * @param tenantId the tenant's id
	 */
	public void invalidateTenant(UUID tenantId) {
		this.tenants.bump(scope(tenantId));
	}

	/**
	 * Drops a changed membership on every instance (with the tenant's other memberships:
	 * one bump of the tenant's namespace, which no concurrent lookup can undo).
	 * @param tenantId the tenant's id
	 * @param user the user
	 */
	public void invalidateMembership(UUID tenantId, UserIdentity user) {
		this.memberships.bump(scope(tenantId));
	}

	/**
	 * Drops every in-process entry of this instance; Redis keeps its entries until they
	 * expire.
	 */
	public void clear() {
		this.tenants.clearLocal();
		this.memberships.clearLocal();
		this.names.clearLocal();
	}

	private static CacheScope scope(UUID tenantId) {
		return CacheScope.tenant(tenantId.toString());
	}

	private static String aliasKey(TenantCandidate candidate) {
		return switch (candidate.kind()) {
			case ID -> "id:" + candidate.value();
			case SLUG -> "slug:" + candidate.value();
			case EXTERNAL_ID ->
				"ext:" + identity(new UserIdentity(String.valueOf(candidate.issuer()), candidate.value()));
		};
	}

	/**
	 * A user as one token: issuer and subject, each base64url-encoded, joined by a dot
	 * (issuers are URLs and subjects are chosen by issuers, so neither can be trusted to
	 * avoid separators).
	 */
	private static String identity(UserIdentity user) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(user.issuer().getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(user.subject().getBytes(StandardCharsets.UTF_8));
	}

	record MemberKey(UUID tenantId, UserIdentity user) {
	}

}
