package dev.foundation.tenancy.resolution;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code tenantRoles} expression bean and {@link CurrentTenant}: the role hierarchy,
 * applied to the current request's membership.
 */
class TenantRolesTests {

	private final TenantRoles roles = new TenantRoles();

	@AfterEach
	void unbind() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void ownerHasEveryRole() {
		bind(TenantRole.OWNER);

		assertThat(this.roles.has("owner")).isTrue();
		assertThat(this.roles.has("admin")).isTrue();
		assertThat(this.roles.has("member")).isTrue();
		assertThat(this.roles.has("viewer")).isTrue();
	}

	@Test
	void adminHasAdminAndBelowButNotOwner() {
		bind(TenantRole.ADMIN);

		assertThat(this.roles.has("owner")).isFalse();
		assertThat(this.roles.has("ADMIN")).isTrue();
		assertThat(this.roles.has("org:member")).isTrue();
		assertThat(this.roles.has(TenantRole.VIEWER)).isTrue();
	}

	@Test
	void memberIsNotAdmin() {
		bind(TenantRole.MEMBER);

		assertThat(this.roles.has("admin")).isFalse();
		assertThat(this.roles.has("member")).isTrue();
	}

	@Test
	void viewerHasOnlyViewer() {
		bind(TenantRole.VIEWER);

		assertThat(this.roles.has("member")).isFalse();
		assertThat(this.roles.has("viewer")).isTrue();
	}

	@Test
	void withoutTenantNobodyHasAnyRole() {
		assertThat(this.roles.has("viewer")).isFalse();
		RequestContextHolder.setRequestAttributes(new MapRequestAttributes());
		assertThat(this.roles.has("viewer")).isFalse();
		assertThat(CurrentTenant.find()).isEmpty();
	}

	@Test
	void unknownRoleNameFailsLoudly() {
		bind(TenantRole.OWNER);

		assertThatIllegalArgumentException().isThrownBy(() -> this.roles.has("superuser"))
			.withMessageContaining("'superuser' is not a tenant role");
	}

	@Test
	void currentTenantReadsRequestAttributes() {
		Tenant tenant = bind(TenantRole.MEMBER);

		assertThat(CurrentTenant.find()).contains(tenant);
		assertThat(CurrentTenant.require()).isEqualTo(tenant);
		assertThat(CurrentTenant.membership())
			.hasValueSatisfying((m) -> assertThat(m.role()).isEqualTo(TenantRole.MEMBER));
	}

	private static Tenant bind(TenantRole role) {
		Tenant tenant = new Tenant(UUID.randomUUID(), "acme", "Acme", TenantStatus.ACTIVE, Instant.now());
		MapRequestAttributes attributes = new MapRequestAttributes();
		attributes.setAttribute(CurrentTenant.TENANT_ATTRIBUTE, tenant, RequestAttributes.SCOPE_REQUEST);
		UserIdentity user = new UserIdentity("https://issuer.example", "user_1");
		attributes.setAttribute(CurrentTenant.MEMBERSHIP_ATTRIBUTE,
				new Membership(tenant.id(), user, role, Instant.now()), RequestAttributes.SCOPE_REQUEST);
		RequestContextHolder.setRequestAttributes(attributes);
		return tenant;
	}

	static final class MapRequestAttributes implements RequestAttributes {

		private final Map<String, Object> values = new HashMap<>();

		@Override
		public @Nullable Object getAttribute(String name, int scope) {
			return this.values.get(name);
		}

		@Override
		public void setAttribute(String name, Object value, int scope) {
			this.values.put(name, value);
		}

		@Override
		public void removeAttribute(String name, int scope) {
			this.values.remove(name);
		}

		@Override
		public String[] getAttributeNames(int scope) {
			return this.values.keySet().toArray(String[]::new);
		}

		@Override
		public void registerDestructionCallback(String name, Runnable callback, int scope) {
		}

		@Override
		public @Nullable Object resolveReference(String key) {
			return null;
		}

		@Override
		public String getSessionId() {
			return "none";
		}

		@Override
		public Object getSessionMutex() {
			return this;
		}

	}

}
