package dev.foundation.tenancy.resolution;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TenantResolutionCache} on in-process caches, and its invalidation.
 */
class TenantResolutionCacheTests {

	private static final UserIdentity A = new UserIdentity("https://issuer.example", "a");

	private static final UserIdentity B = new UserIdentity("https://issuer.example", "b");

	private final TenantResolutionCache cache = TestTenantCaches.inProcess(Duration.ofMinutes(10));

	private Tenant acme = new Tenant(UUID.randomUUID(), "acme", "Acme", TenantStatus.ACTIVE, Instant.now());

	private final AtomicInteger lookups = new AtomicInteger();

	@Test
	void invalidatingATenantDropsItUnderEveryName() {
		TenantCandidate byId = TenantCandidate.byId(this.acme.id());
		TenantCandidate bySlug = TenantCandidate.bySlug("acme");
		this.cache.tenant(byId, this::find);
		this.cache.tenant(bySlug, this::find);
		this.cache.tenant(byId, this::find);
		assertThat(this.lookups).hasValue(2);

		this.acme = new Tenant(this.acme.id(), "acme", "Acme", TenantStatus.SUSPENDED, this.acme.createdAt());
		this.cache.invalidateTenant(this.acme.id());

		assertThat(this.cache.tenant(byId, this::find)).contains(this.acme);
		assertThat(this.cache.tenant(bySlug, this::find)).contains(this.acme);
		assertThat(this.lookups).hasValue(3);
	}

	@Test
	void invalidatingAMembershipDropsThatTenantsMembershipsOnly() {
		UUID other = UUID.randomUUID();
		this.cache.membership(this.acme.id(), A, this::member);
		this.cache.membership(this.acme.id(), B, this::member);
		this.cache.membership(other, A, this::member);

		this.cache.invalidateMembership(this.acme.id(), A);
		this.cache.membership(this.acme.id(), A, this::member);
		this.cache.membership(this.acme.id(), B, this::member);
		this.cache.membership(other, A, this::member);

		assertThat(this.lookups).hasValue(5);
	}

	@Test
	void valueLoadedWhileAnInvalidationRanIsReturnedButNotKept() {
		TenantCandidate byId = TenantCandidate.byId(this.acme.id());

		Optional<Tenant> racing = this.cache.tenant(byId, (candidate) -> {
			// The load read the old row, then the change committed and was invalidated.
			this.cache.invalidateTenant(this.acme.id());
			return find(candidate);
		});
		this.cache.tenant(byId, this::find);

		assertThat(racing).contains(this.acme);
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void absentValuesAreNotCached() {
		this.cache.tenant(TenantCandidate.bySlug("nobody"), (candidate) -> none());
		this.cache.tenant(TenantCandidate.bySlug("nobody"), (candidate) -> none());

		assertThat(this.lookups).hasValue(2);
	}

	private Optional<Tenant> find(TenantCandidate candidate) {
		this.lookups.incrementAndGet();
		return Optional.of(this.acme);
	}

	private Optional<Tenant> none() {
		this.lookups.incrementAndGet();
		return Optional.empty();
	}

	private Optional<Membership> member(TenantResolutionCache.MemberKey key) {
		this.lookups.incrementAndGet();
		return Optional.of(new Membership(key.tenantId(), key.user(), TenantRole.MEMBER, Instant.now()));
	}

}
