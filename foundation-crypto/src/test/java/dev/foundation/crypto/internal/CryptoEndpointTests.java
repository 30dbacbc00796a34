package dev.foundation.crypto.internal;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code crypto} endpoint's selectors: a tenant id, or {@code reencryption}; anything
 * else is a bad request (400), never a 500, and touches no key.
 */
class CryptoEndpointTests {

	private final EnvelopeDataKeys keys = new EnvelopeDataKeys(new SimpleDriverDataSource(), "foundation",
			CryptoTestDatabase.keyring("m", Map.of("m", CryptoTestDatabase.randomKey())), 10, Duration.ofMinutes(1));

	private final CryptoEndpoint endpoint = new CryptoEndpoint(this.keys);

	@Test
	void selectorThatIsNeitherATenantNorReEncryptionIsABadRequest() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.rotateOrStart("not-a-tenant"))
			.withMessageNotContaining("not-a-tenant");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.shred("reencryption"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> this.endpoint.part("keys"));
	}

	@Test
	void reEncryptionWithoutTablesIsABadRequest() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.rotateOrStart("reencryption"))
			.withMessageContaining("No table is configured");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.part("reencryption"));
	}

}
