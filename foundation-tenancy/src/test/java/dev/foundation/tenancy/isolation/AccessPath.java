package dev.foundation.tenancy.isolation;

/**
 * The ways application code reaches the tenant-owned table, each checked by the
 * randomized run.
 */
enum AccessPath {

	/**
	 * Spring Data JPA repository methods: inherited CRUD, derived queries and
	 * {@code @Query} methods.
	 */
	REPOSITORY("repository"),

	/**
	 * JPQL and entity operations through the {@code EntityManager}, including bulk update
	 * and delete.
	 */
	JPQL("jpql"),

	/**
	 * Native SQL through JPA's {@code createNativeQuery}: only row-level security scopes
	 * it.
	 */
	NATIVE("native"),

	/**
	 * Plain JDBC through a {@code JdbcTemplate} on the same data source, joining the JPA
	 * transaction.
	 */
	JDBC("jdbc");

	private final String label;

	AccessPath(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
