package dev.foundation.crypto.jpa;

import java.util.List;
import java.util.UUID;

import dev.foundation.crypto.BlindIndexer;
import dev.foundation.crypto.EncryptionContext;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

/**
 * Fills {@link BlindIndex} attributes right before Hibernate writes a row: in the state
 * it writes and in the entity, so both agree and the next flush finds nothing dirty. Runs
 * only for rows Hibernate already found dirty, hence no cost for unchanged entities.
 */
final class BlindIndexListener implements PreInsertEventListener, PreUpdateEventListener {

	private final BlindIndexMappings mappings;

	private final BlindIndexer indexer;

	BlindIndexListener(BlindIndexMappings mappings, BlindIndexer indexer) {
		this.mappings = mappings;
		this.indexer = indexer;
	}

	@Override
	public boolean onPreInsert(PreInsertEvent event) {
		apply(event.getEntity(), event.getPersister(), event.getState(), event.getSession());
		return false;
	}

	@Override
	public boolean onPreUpdate(PreUpdateEvent event) {
		apply(event.getEntity(), event.getPersister(), event.getState(), event.getSession());
		return false;
	}

	private void apply(Object entity, EntityPersister persister, @Nullable Object[] state,
			SharedSessionContractImplementor session) {
		List<BlindIndexMapping> entityMappings = this.mappings.forEntity(persister.getEntityName());
		if (entityMappings.isEmpty()) {
			return;
		}
		String[] names = persister.getPropertyNames();
		for (BlindIndexMapping mapping : entityMappings) {
			int source = indexOf(names, mapping.sourceAttribute());
			int index = indexOf(names, mapping.indexAttribute());
			Object value = state[source];
			@Nullable String indexValue = null;
			if (value != null) {
				UUID tenant = SessionTenant.of(session, mapping.tenantOwned(),
						mapping.entityName() + "." + mapping.sourceAttribute());
				indexValue = this.indexer.index(mapping.normalizer().normalize((String) value),
						EncryptionContext.of(tenant, mapping.table(), mapping.column()));
			}
			state[index] = indexValue;
			persister.setValue(entity, index, indexValue);
		}
	}

	private static int indexOf(String[] names, String name) {
		for (int i = 0; i < names.length; i++) {
			if (names[i].equals(name)) {
				return i;
			}
		}
		throw new IllegalStateException("No persistent attribute '" + name + "'");
	}

}
