package dev.foundation.tenancy.resolution;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;
import org.jspecify.annotations.Nullable;

/**
 * A directory in memory that counts lookups, for resolution tests.
 */
class InMemoryTenantDirectory implements TenantDirectory {

	final Map<UUID, Tenant> tenants = new ConcurrentHashMap<>();

	final Map<String, UUID> externalIds = new ConcurrentHashMap<>();

	final Map<String, Membership> memberships = new ConcurrentHashMap<>();

	final AtomicInteger lookups = new AtomicInteger();

	final AtomicInteger membershipLookups = new AtomicInteger();

	final AtomicInteger provisions = new AtomicInteger();

	@Nullable TenantRole lastProvisionedRole;

	@Nullable String lastSlugHint;

	@Override
	public Tenant create(String slug, String name, String ownerUserId) {
		Tenant tenant = new Tenant(UUID.randomUUID(), slug, name, TenantStatus.ACTIVE, Instant.now());
		this.tenants.put(tenant.id(), tenant);
		grant(tenant.id(), ownerUserId, TenantRole.OWNER);
		return tenant;
	}

	@Override
	public Optional<Tenant> find(UUID id) {
		this.lookups.incrementAndGet();
		return Optional.ofNullable(this.tenants.get(id));
	}

	@Override
	public Optional<Tenant> findBySlug(String slug) {
		this.lookups.incrementAndGet();
		return this.tenants.values().stream().filter((tenant) -> tenant.slug().equals(slug)).findFirst();
	}

	@Override
	public Optional<Tenant> findByExternalId(AuthProvider provider, String externalId) {
		this.lookups.incrementAndGet();
		return Optional.ofNullable(this.externalIds.get(provider + "/" + externalId)).map(this.tenants::get);
	}

	@Override
	public void linkExternalId(UUID tenantId, AuthProvider provider, String externalId) {
		this.externalIds.put(provider + "/" + externalId, tenantId);
	}

	@Override
	public void suspend(UUID tenantId) {
		Tenant tenant = this.tenants.get(tenantId);
		this.tenants.put(tenantId,
				new Tenant(tenant.id(), tenant.slug(), tenant.name(), TenantStatus.SUSPENDED, tenant.createdAt()));
	}

	@Override
	public void activate(UUID tenantId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Optional<Membership> membership(UUID tenantId, String userId) {
		this.membershipLookups.incrementAndGet();
		return Optional.ofNullable(this.memberships.get(tenantId + "/" + userId));
	}

	@Override
	public List<Membership> members(UUID tenantId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Membership grant(UUID tenantId, String userId, TenantRole role) {
		Membership membership = new Membership(tenantId, userId, role, Instant.now());
		this.memberships.put(tenantId + "/" + userId, membership);
		return membership;
	}

	@Override
	public void revoke(UUID tenantId, String userId) {
		this.memberships.remove(tenantId + "/" + userId);
	}

	@Override
	public Tenant provision(AuthProvider provider, String externalId, @Nullable String slugHint, String name,
			String userId, TenantRole role) {
		this.provisions.incrementAndGet();
		this.lastProvisionedRole = role;
		this.lastSlugHint = slugHint;
		Tenant tenant = new Tenant(UUID.randomUUID(), (slugHint != null) ? slugHint : "provisioned", name,
				TenantStatus.ACTIVE, Instant.now());
		this.tenants.put(tenant.id(), tenant);
		linkExternalId(tenant.id(), provider, externalId);
		grant(tenant.id(), userId, role);
		return tenant;
	}

}
