package dev.foundation.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;
import org.jspecify.annotations.Nullable;

/**
 * The tenants, their identity-provider ids and their members.
 * <p>
 * Guarantees: every write runs in one transaction (joining the caller's, if any); a
 * tenant created through {@link #create} starts with an owner, and no call removes or
 * demotes a tenant's last owner, even when two callers try at once
 * ({@link dev.foundation.core.error.ConflictException}); {@link #provision} creates a
 * tenant for an identity-provider organization at most once, however many first requests
 * race. Membership changes are reported to every {@link MembershipListener} after commit,
 * tenant changes to every {@link TenantListener}.
 * <p>
 * Errors: invalid input raises {@link dev.foundation.core.error.ValidationException}, an
 * unknown tenant {@link dev.foundation.core.error.NotFoundException}, a taken slug or
 * external id and the last-owner rule
 * {@link dev.foundation.core.error.ConflictException}. This API does not check who calls
 * it: authorization (e.g. "only owners and admins manage members") belongs to the caller.
 */
public interface TenantDirectory {

	/**
	 * Creates an active tenant with its first owner.
	 * @param slug the tenant's unique slug, 2 to 63 characters of {@code a-z},
	 * {@code 0-9} and {@code -}, not starting with {@code -}
	 * @param name the display name, not blank
	 * @param owner the first owner
	 * @return the tenant
	 * @throws dev.foundation.core.error.ConflictException if the slug is taken
	 */
	Tenant create(String slug, String name, UserIdentity owner);

	/**
	 * Finds a tenant by id.
	 * @param id the tenant's id
	 * @return the tenant, or empty if there is none
	 */
	Optional<Tenant> find(UUID id);

	/**
	 * Finds a tenant by slug.
	 * @param slug the slug, compared exactly (slugs are lowercase)
	 * @return the tenant, or empty if there is none
	 */
	Optional<Tenant> findBySlug(String slug);

	/**
	 * Finds the tenant an issuer's organization id is linked to.
	 * @param issuer the issuer ({@code iss}) whose organization it is
	 * @param externalId the issuer's id of the organization, e.g. Clerk's {@code org_…}
	 * @return the tenant, or empty if the id is linked to none
	 */
	Optional<Tenant> findByExternalId(String issuer, String externalId);

	/**
	 * Links an identity provider's organization id to a tenant; linking the same id to
	 * the same tenant again does nothing.
	 * @param tenantId the tenant's id
	 * @param issuer the issuer ({@code iss}) whose organization it is
	 * @param externalId the issuer's id of the organization
	 * @throws dev.foundation.core.error.ConflictException if the id is linked to another
	 * tenant
	 */
	void linkExternalId(UUID tenantId, String issuer, String externalId);

	/**
	 * Suspends a tenant: its data is kept, its requests are refused. Suspending a
	 * suspended tenant does nothing.
	 * @param tenantId the tenant's id
	 */
	void suspend(UUID tenantId);

	/**
	 * Activates a suspended tenant. Activating an active tenant does nothing.
	 * @param tenantId the tenant's id
	 * @throws dev.foundation.core.error.ConflictException if the tenant was erased
	 */
	void activate(UUID tenantId);

	/**
	 * Erases a tenant (the GDPR erasure path): its requests are refused for good, it can
	 * never be activated again, and every {@link TenantListener} is told
	 * ({@link TenantChange.Kind#ERASED}) so that each module erases what it holds; with
	 * the crypto module, the tenant's data keys are destroyed and its encrypted values
	 * become permanently unreadable. The tenant's row stays as a tombstone (status
	 * {@link TenantStatus#ERASED}); its other rows are the application's to delete.
	 * <p>
	 * Idempotent: erasing an erased tenant changes nothing but reports
	 * {@link TenantChange.Kind#ERASED} again, so a listener that failed the first time
	 * (e.g. the database was unreachable when the keys were to be destroyed) gets another
	 * chance.
	 * @param tenantId the tenant's id
	 */
	void erase(UUID tenantId);

	/**
	 * Returns a user's membership in a tenant.
	 * @param tenantId the tenant's id
	 * @param user the user
	 * @return the membership, or empty if the user is not a member (or the tenant does
	 * not exist)
	 */
	Optional<Membership> membership(UUID tenantId, UserIdentity user);

	/**
	 * Returns a tenant's members, highest role first, then oldest first.
	 * @param tenantId the tenant's id
	 * @return the members
	 */
	List<Membership> members(UUID tenantId);

	/**
	 * Makes a user a member with the given role, or changes the role of a member.
	 * @param tenantId the tenant's id
	 * @param user the user
	 * @param role the role to hold
	 * @return the membership
	 * @throws dev.foundation.core.error.ConflictException if this would demote the
	 * tenant's last owner
	 */
	Membership grant(UUID tenantId, UserIdentity user, TenantRole role);

	/**
	 * Removes a user from a tenant. Removing a user who is not a member does nothing.
	 * @param tenantId the tenant's id
	 * @param user the user
	 * @throws dev.foundation.core.error.ConflictException if the user is the tenant's
	 * last owner
	 */
	void revoke(UUID tenantId, UserIdentity user);

	/**
	 * Just-in-time provisioning for a request from an identity-provider organization:
	 * returns the tenant linked to the organization, creating it (active, with a slug
	 * derived from {@code slugHint} and made unique by a numeric suffix, linked to the
	 * organization) if there is none, and makes the caller a member with the role from
	 * the token if they are not one. An existing membership keeps its role: provisioning
	 * never changes roles. Concurrent calls for the same organization create one tenant.
	 * <p>
	 * The caller gets the token's role even when the call creates the tenant: an
	 * organization member who happens to send the first request does not become owner. A
	 * provisioned tenant therefore has an owner only if the token said so or one is
	 * {@linkplain #grant granted}.
	 * @param issuer the issuer ({@code iss}) whose organization it is; the caller must be
	 * its user
	 * @param externalId the issuer's id of the organization
	 * @param slugHint what the slug is derived from, e.g. the organization's slug at the
	 * provider; when {@code null} or without usable characters, the name is used
	 * @param name the display name of a new tenant
	 * @param user the caller
	 * @param role the caller's role according to the token
	 * @return the tenant, which may be suspended
	 */
	Tenant provision(String issuer, String externalId, @Nullable String slugHint, String name, UserIdentity user,
			TenantRole role);

}
