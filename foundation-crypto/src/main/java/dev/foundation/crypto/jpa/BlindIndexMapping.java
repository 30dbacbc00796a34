package dev.foundation.crypto.jpa;

import dev.foundation.crypto.Normalizer;

/**
 * One {@link BlindIndex} attribute as mapped: which attribute it indexes, how values are
 * normalized, and the table and column whose index key it uses.
 *
 * @param entityName the entity's name
 * @param indexAttribute the index attribute
 * @param sourceAttribute the encrypted attribute it indexes
 * @param normalizer the normalizer
 * @param table the encrypted column's table
 * @param column the encrypted column
 * @param tenantOwned whether the entity has a {@code @TenantId}
 */
record BlindIndexMapping(String entityName, String indexAttribute, String sourceAttribute, Normalizer normalizer,
		String table, String column, boolean tenantOwned) {

}
