package dev.foundation.crypto.jpa;

import java.util.List;
import java.util.UUID;

import dev.foundation.crypto.BlindIndexer;
import dev.foundation.crypto.EncryptionContext;
import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The index values to search a {@link BlindIndex} attribute for, computed exactly as the
 * write side computes them (same normalizer, table, column and tenant), for every live
 * key version:
 *
 * <pre class="code">
 * List&lt;String&gt; values = lookup.values(Contact.class, "emailIndex", email);
 * List&lt;Contact&gt; found = contacts.findByEmailIndexIn(values);
 * </pre>
 *
 * Index values are truncated HMACs: compare the decrypted attribute when a false positive
 * would matter.
 */
public final class BlindIndexLookup {

	private final EntityManager entityManager;

	private final BlindIndexMappings mappings;

	private final BlindIndexer indexer;

	/**
	 * Creates the lookup.
	 * @param entityManager the (shared, transaction-bound) entity manager
	 * @param mappings the mapped blind indexes
	 * @param indexer the indexer
	 */
	public BlindIndexLookup(EntityManager entityManager, BlindIndexMappings mappings, BlindIndexer indexer) {
		this.entityManager = entityManager;
		this.mappings = mappings;
		this.indexer = indexer;
	}

	/**
	 * Returns the index values to search for.
	 * @param entity the entity class
	 * @param attribute the {@link BlindIndex} attribute, or the encrypted attribute it
	 * indexes
	 * @param value the value searched for, normalized here
	 * @return the index values, one per live key version; empty when the tenant has no
	 * keys yet (then nothing matches)
	 */
	public List<String> values(Class<?> entity, String attribute, String value) {
		BlindIndexMapping mapping = this.mappings.find(entity.getName(), attribute)
			.orElseThrow(() -> new IllegalArgumentException(
					"No @BlindIndex attribute '" + attribute + "' on " + entity.getName()));
		SharedSessionContractImplementor session = this.entityManager.unwrap(SharedSessionContractImplementor.class);
		UUID tenant = SessionTenant.of(session, mapping.tenantOwned(),
				mapping.entityName() + "." + mapping.sourceAttribute());
		return this.indexer.lookupValues(mapping.normalizer().normalize(value),
				EncryptionContext.of(tenant, mapping.table(), mapping.column()));
	}

}
