package dev.foundation.tenancy.resolution;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.UserIdentity;
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

	/** The issuer of the principals of {@link TestRequests}. */
	static final String ISSUER = "https://issuer.example";

	Tenant create(String slug, String name, String ownerSubject) {
		return create(slug, name, new UserIdentity(ISSUER, ownerSubject));
	}

	Membership grant(UUID tenantId, String subject, TenantRole role) {
		return grant(tenantId, new UserIdentity(ISSUER, subject), role);
	}

	void revoke(UUID tenantId, String subject) {
		revoke(tenantId, new UserIdentity(ISSUER, subject));
	}

	void linkExternalId(UUID tenantId, AuthProvider provider, String externalId) {
		linkExternalId(tenantId, ISSUER, externalId);
	}

	@Override
	public Tenant create(String slug, String name, UserIdentity owner) {
		Tenant tenant = new Tenant(UUID.randomUUID(), slug, name, TenantStatus.ACTIVE, Instant.now());
		this.tenants.put(tenant.id(), tenant);
		grant(tenant.id(), owner, TenantRole.OWNER);
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
	public Optional<Tenant> findByExternalId(String issuer, String externalId) {
		this.lookups.incrementAndGet();
		return Optional.ofNullable(this.externalIds.get(issuer + "/" + externalId)).map(this.tenants::get);
	}

	@Override
	public void linkExternalId(UUID tenantId, String issuer, String externalId) {
		this.externalIds.put(issuer + "/" + externalId, tenantId);
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
	public void erase(UUID tenantId) {
		Tenant tenant = this.tenants.get(tenantId);
		this.tenants.put(tenantId,
				new Tenant(tenant.id(), tenant.slug(), tenant.name(), TenantStatus.ERASED, tenant.createdAt()));
	}

	@Override
	public Optional<Membership> membership(UUID tenantId, UserIdentity user) {
		this.membershipLookups.incrementAndGet();
		return Optional.ofNullable(this.memberships.get(tenantId + "/" + user.issuer() + "/" + user.subject()));
	}

	@Override
	public List<Membership> members(UUID tenantId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Membership grant(UUID tenantId, UserIdentity user, TenantRole role) {
		Membership membership = new Membership(tenantId, user, role, Instant.now());
		this.memberships.put(tenantId + "/" + user.issuer() + "/" + user.subject(), membership);
		return membership;
	}

	@Override
	public void revoke(UUID tenantId, UserIdentity user) {
		this.memberships.remove(tenantId + "/" + user.issuer() + "/" + user.subject());
	}

	@Override
	public Tenant provision(String issuer, String externalId, @Nullable String slugHint, String name, UserIdentity user,
			TenantRole role) {
		this.provisions.incrementAndGet();
		this.lastProvisionedRole = role;
		this.lastSlugHint = slugHint;
		Tenant tenant = new Tenant(UUID.randomUUID(), (slugHint != null) ? slugHint : "provisioned", name,
				TenantStatus.ACTIVE, Instant.now());
		this.tenants.put(tenant.id(), tenant);
		linkExternalId(tenant.id(), issuer, externalId);
		grant(tenant.id(), user, role);
		return tenant;
	}

}
