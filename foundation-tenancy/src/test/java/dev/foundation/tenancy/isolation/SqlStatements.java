package dev.foundation.tenancy.isolation;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs SQL with JDBC-style {@code ?} parameters, either as JPA native queries or through
 * a {@code JdbcTemplate}, so that the same statements exercise both paths.
 */
interface SqlStatements {

	int update(String sql, Object... args);

	List<ItemRow> rows(String sql, Object... args);

	long count(String sql, Object... args);

	/** Native queries through JPA's {@code EntityManager.createNativeQuery}. */
	static SqlStatements nativeQueries(EntityManager entityManager) {
		return new SqlStatements() {

			@Override
			public int update(String sql, Object... args) {
				return query(sql, args).executeUpdate();
			}

			@Override
			public List<ItemRow> rows(String sql, Object... args) {
				List<?> result = query(sql, args).getResultList();
				return result.stream().map((row) -> {
					Object[] columns = (Object[]) row;
					return new ItemRow(uuid(columns[0]), uuid(columns[1]), (String) columns[2],
							((Number) columns[3]).intValue());
				}).toList();
			}

			@Override
			public long count(String sql, Object... args) {
				return ((Number) query(sql, args).getSingleResult()).longValue();
			}

			private Query query(String sql, Object... args) {
				Query query = entityManager.createNativeQuery(sql);
				for (int i = 0; i < args.length; i++) {
					query.setParameter(i + 1, args[i]);
				}
				return query;
			}

			private static UUID uuid(Object value) {
				return (value instanceof UUID uuid) ? uuid : UUID.fromString(value.toString());
			}

		};
	}

	/** Plain JDBC, joining the current transaction's connection when there is one. */
	static SqlStatements jdbc(JdbcTemplate jdbc) {
		return new SqlStatements() {

			@Override
			public int update(String sql, Object... args) {
				return jdbc.update(sql, args);
			}

			@Override
			public List<ItemRow> rows(String sql, Object... args) {
				return jdbc.query(sql, (result, rowNumber) -> new ItemRow(result.getObject(1, UUID.class),
						result.getObject(2, UUID.class), result.getString(3), result.getInt(4)), args);
			}

			@Override
			public long count(String sql, Object... args) {
				Long count = jdbc.queryForObject(sql, Long.class, args);
				return (count != null) ? count : -1;
			}

		};
	}

}
