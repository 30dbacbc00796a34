package dev.foundation.tenancy.isolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The in-memory model of every tenant's rows: what the table must hold after each
 * committed operation.
 * <p>
 * Rows are kept in insertion order so that picking "a random row" depends only on the
 * seed, not on the ids the database or Hibernate generated.
 */
final class GroundTruth {

	private final List<UUID> tenants;

	private final Map<UUID, LinkedHashMap<UUID, ItemRow>> byTenant = new HashMap<>();

	private final Map<UUID, ItemRow> byId = new HashMap<>();

	GroundTruth(List<UUID> tenants) {
		this.tenants = List.copyOf(tenants);
		tenants.forEach((tenant) -> this.byTenant.put(tenant, new LinkedHashMap<>()));
	}

	List<UUID> tenants() {
		return this.tenants;
	}

	void put(ItemRow row) {
		ItemRow previous = this.byId.put(row.id(), row);
		if (previous != null && !previous.tenantId().equals(row.tenantId())) {
			throw new IllegalStateException("The model never moves a row between tenants: " + previous + " -> " + row);
		}
		// A row of an unknown tenant only ever comes from a snapshot taken after a
		// violation: keep it visible.
		this.byTenant.computeIfAbsent(row.tenantId(), (tenant) -> new LinkedHashMap<>()).put(row.id(), row);
	}

	void remove(ItemRow row) {
		this.byId.remove(row.id());
		tenantRows(row.tenantId()).remove(row.id());
	}

	@Nullable ItemRow row(UUID id) {
		return this.byId.get(id);
	}

	List<ItemRow> rows(UUID tenant) {
		return List.copyOf(tenantRows(tenant).values());
	}

	List<ItemRow> withTag(UUID tenant, int tag) {
		return tenantRows(tenant).values().stream().filter((row) -> row.tag() == tag).toList();
	}

	List<ItemRow> withLabelPrefix(UUID tenant, String prefix) {
		return tenantRows(tenant).values().stream().filter((row) -> row.label().startsWith(prefix)).toList();
	}

	/** A random row of the tenant, or {@code null} when it has none. */
	@Nullable ItemRow pick(UUID tenant, Random random) {
		List<ItemRow> rows = new ArrayList<>(tenantRows(tenant).values());
		return rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()));
	}

	/**
	 * A random row of any tenant but the given one, or {@code null} when the others have
	 * none.
	 */
	@Nullable ItemRow pickForeign(UUID tenant, Random random) {
		List<UUID> others = this.tenants.stream().filter((other) -> !other.equals(tenant)).toList();
		for (int attempt = 0; attempt < others.size(); attempt++) {
			ItemRow row = pick(others.get(random.nextInt(others.size())), random);
			if (row != null) {
				return row;
			}
		}
		return null;
	}

	Map<UUID, ItemRow> all() {
		return Map.copyOf(this.byId);
	}

	/**
	 * Replaces the model with what the database holds, so that one fault is not reported
	 * again and again.
	 */
	void resetTo(Collection<ItemRow> rows) {
		this.byId.clear();
		this.byTenant.values().forEach(Map::clear);
		rows.forEach(this::put);
	}

	private LinkedHashMap<UUID, ItemRow> tenantRows(UUID tenant) {
		LinkedHashMap<UUID, ItemRow> rows = this.byTenant.get(tenant);
		if (rows == null) {
			throw new IllegalStateException("Unknown tenant " + tenant);
		}
		return rows;
	}

}
