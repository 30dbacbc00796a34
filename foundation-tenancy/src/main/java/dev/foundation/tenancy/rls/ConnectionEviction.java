package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Removes a connection that is still borrowed from its pool, so that the pool closes it
 * instead of lending it again. Only Hikari offers that
 * ({@code HikariDataSource.evictConnection}), and only for a {@code HikariDataSource}
 * wrapped directly: handing a pool a connection of another pool (behind a routing data
 * source) corrupts its bookkeeping.
 */
@FunctionalInterface
interface ConnectionEviction {

	/**
	 * Evicts the connection, which is still borrowed.
	 * @param connection the connection the pool handed out
	 * @return whether the pool will close it instead of lending it again
	 */
	boolean evict(Connection connection);

	/**
	 * Returns the eviction of the pool, or {@code null} when it cannot evict.
	 * @param pool the wrapped data source
	 * @return the eviction, or {@code null}
	 */
	static @Nullable ConnectionEviction of(DataSource pool) {
		if (ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", ConnectionEviction.class.getClassLoader())) {
			return Hikari.of(pool);
		}
		return null;
	}

	/** Kept apart so that nothing loads Hikari's classes when Hikari is absent. */
	final class Hikari {

		private Hikari() {
		}

		static @Nullable ConnectionEviction of(DataSource pool) {
			HikariDataSource hikari = unwrap(pool);
			if (hikari == null) {
				return null;
			}
			return (connection) -> {
				// Hikari ignores connections that are not its own proxies.
				if (!connection.getClass().getName().startsWith("com.zaxxer.hikari.")) {
					return false;
				}
				hikari.evictConnection(connection);
				return true;
			};
		}

		// The pool may sit inside core's circuit-breaking data source, which unwraps to
		// it.
		private static @Nullable HikariDataSource unwrap(DataSource pool) {
			if (pool instanceof HikariDataSource hikari) {
				return hikari;
			}
			try {
				return pool.isWrapperFor(HikariDataSource.class) ? pool.unwrap(HikariDataSource.class) : null;
			}
			catch (SQLException | RuntimeException ex) {
				return null;
			}
		}

	}

}
