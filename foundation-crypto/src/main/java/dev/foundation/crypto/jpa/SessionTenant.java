package dev.foundation.crypto.jpa;

import java.lang.reflect.Field;
import java.util.UUID;

import org.hibernate.annotations.TenantId;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.jspecify.annotations.Nullable;

/**
 * The tenant whose key and associated data an entity's encrypted values use: none for
 * entities without a {@code @TenantId}; otherwise the session's tenant, which Hibernate
 * enforces to be the row's own (reads are filtered by it, writes into another tenant are
 * refused). A root session (the system scope) could see every tenant's rows, so it gets
 * no answer.
 */
final class SessionTenant {

	private SessionTenant() {
	}

	static boolean isTenantOwned(Class<?> entityClass) {
		for (Class<?> type = entityClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (field.isAnnotationPresent(TenantId.class)) {
					return true;
				}
			}
		}
		return false;
	}

	static @Nullable UUID of(SharedSessionContractImplementor session, boolean tenantOwned, String what) {
		if (!tenantOwned) {
			return null;
		}
		Object tenant = session.getTenantIdentifierValue();
		CurrentTenantIdentifierResolver<Object> resolver = session.getFactory().getCurrentTenantIdentifierResolver();
		if (!(tenant instanceof UUID id) || (resolver != null && resolver.isRoot(id))
				|| (id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0)) {
			throw new IllegalStateException("The encrypted attribute " + what + " of a tenant-owned entity is read or "
					+ "written without a tenant (or in the system scope): its tenant's key is unknown there. "
					+ "Read and write it inside TenantScope.run(tenantId, ...)");
		}
		return id;
	}

}
