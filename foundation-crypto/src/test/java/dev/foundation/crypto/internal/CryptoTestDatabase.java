package dev.foundation.crypto.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.crypto.MasterKeyring;
import dev.foundation.test.TestPostgres;

/**
 * A fresh database migrated by the foundation's own history (crypto's V3_x included), and
 * random master keys for tests.
 */
final class CryptoTestDatabase {

	private CryptoTestDatabase() {
	}

	static DataSource migrated(String prefix) {
		TestPostgres postgres = TestPostgres.shared();
		String database = postgres.createDatabase(prefix);
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.jdbcUrl(database));
		dataSource.setUsername(postgres.username());
		dataSource.setPassword(postgres.password());
		dataSource.setMaximumPoolSize(10);
		new FoundationSchemaMigration(dataSource, "foundation", "foundation_schema_history", "classpath:db/foundation")
			.afterPropertiesSet();
		return dataSource;
	}

	static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	static LocalMasterKeyring keyring(String activeId, Map<String, byte[]> keys) {
		return new LocalMasterKeyring(new LinkedHashMap<>(keys), activeId);
	}

	static EnvelopeDataKeys dataKeys(DataSource dataSource, MasterKeyring keyring) {
		return new EnvelopeDataKeys(dataSource, "foundation", keyring, 1000, Duration.ofMinutes(5));
	}

}
