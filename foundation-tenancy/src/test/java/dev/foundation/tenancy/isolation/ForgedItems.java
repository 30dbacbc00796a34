package dev.foundation.tenancy.isolation;

import java.lang.reflect.Field;
import java.util.UUID;

import dev.foundation.core.persistence.BaseEntity;
import dev.foundation.tenancy.persistence.TenantOwnedEntity;

/**
 * Entities an attacker could hand to the persistence layer (say, deserialized from a
 * request body): a new entity claiming another tenant, or a detached copy of another
 * tenant's row. Built by reflection because the entity classes rightly offer no setter
 * for either.
 */
final class ForgedItems {

	private ForgedItems() {
	}

	/** A new entity whose tenant is already set to another tenant. */
	static IsolationItem claimingTenant(UUID tenant, String label, int tag) {
		IsolationItem item = new IsolationItem(label, tag);
		set(TenantOwnedEntity.class, "tenantId", item, tenant);
		return item;
	}

	/**
	 * A detached entity with another tenant's id, tenant and version, and a label the
	 * attacker wants there.
	 */
	static IsolationItem detachedCopy(ItemRow foreign, String label) {
		IsolationItem item = new IsolationItem(label, foreign.tag());
		set(BaseEntity.class, "id", item, foreign.id());
		set(TenantOwnedEntity.class, "tenantId", item, foreign.tenantId());
		return item;
	}

	private static void set(Class<?> owner, String name, Object target, Object value) {
		try {
			Field field = owner.getDeclaredField(name);
			field.setAccessible(true);
			field.set(target, value);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot forge " + owner.getSimpleName() + "." + name, ex);
		}
	}

}
