package dev.foundation.crypto.jpa;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link BlindIndex} attributes found when the session factory was built, shared by
 * the write-side listener and {@link BlindIndexLookup}.
 */
public final class BlindIndexMappings {

	private final Map<String, List<BlindIndexMapping>> byEntity = new ConcurrentHashMap<>();

	void register(String entityName, List<BlindIndexMapping> mappings) {
		this.byEntity.put(entityName, List.copyOf(mappings));
	}

	List<BlindIndexMapping> forEntity(String entityName) {
		return this.byEntity.getOrDefault(entityName, List.of());
	}

	Optional<BlindIndexMapping> find(String entityName, String attribute) {
		return forEntity(entityName).stream()
			.filter((mapping) -> mapping.indexAttribute().equals(attribute)
					|| mapping.sourceAttribute().equals(attribute))
			.findFirst();
	}

	boolean isEmpty() {
		return this.byEntity.isEmpty();
	}

}
