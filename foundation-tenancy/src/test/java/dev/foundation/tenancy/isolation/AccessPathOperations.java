package dev.foundation.tenancy.isolation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The operations of the randomized run through one access path. Each operation performs
 * its statement, checks the outcome against the {@link GroundTruth} (recording
 * violations) and updates the model with what it changed.
 * <p>
 * Except where noted, operations run inside a transaction the run began in the acting
 * tenant's scope; the run flushes and clears the persistence context after each, so that
 * JPA and SQL operations sharing a transaction see each other's writes.
 */
interface AccessPathOperations {

	void create(UUID tenant);

	void read(UUID tenant, ItemRow own);

	void update(UUID tenant, ItemRow own);

	void delete(UUID tenant, ItemRow own);

	void search(UUID tenant);

	void bulkUpdate(UUID tenant, int tag);

	void bulkDelete(UUID tenant, int tag);

	/** Tries to read another tenant's row: must see nothing. */
	void readForeign(UUID tenant, ItemRow foreign);

	/** Tries to change another tenant's row: must affect no row. */
	void updateForeign(UUID tenant, ItemRow foreign);

	/** Tries to delete another tenant's row: must affect no row. */
	void deleteForeign(UUID tenant, ItemRow foreign);

	/**
	 * Prepares (outside any transaction) a write into another tenant that must be
	 * refused.
	 * @param tenant the acting tenant
	 * @param own one of the acting tenant's rows, or {@code null} when it has none
	 * @param foreign another tenant's row
	 * @return the write
	 */
	RefusedWrite writeIntoForeign(UUID tenant, @Nullable ItemRow own, ItemRow foreign);

	/**
	 * Reads with no tenant bound, in a transaction or (except repositories) in none: must
	 * see nothing.
	 */
	void readWithoutTenant();

	/** Updates or deletes with no tenant bound: must affect no row. */
	void writeWithoutTenant(boolean delete);

	/**
	 * Prepares an insert with no tenant bound, naming the given tenant where the path
	 * lets it: must be refused.
	 */
	RefusedWrite createWithoutTenant(UUID someTenant);

}
