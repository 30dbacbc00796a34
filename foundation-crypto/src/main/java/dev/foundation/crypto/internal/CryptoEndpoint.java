package dev.foundation.crypto.internal;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code crypto} actuator endpoint: the state of the keys (never key material), and
 * the key operations: re-wrap every data key under the active master key
 * ({@code POST /actuator/crypto}), rotate a tenant's data key ({@code POST
 * /actuator/crypto/{tenant}}), shred a tenant ({@code DELETE /actuator/crypto/{tenant}}),
 * start the re-encryption job ({@code POST /actuator/crypto/reencryption}) and watch it
 * ({@code GET /actuator/crypto/reencryption}). Not exposed unless listed in
 * {@code management.endpoints.web.exposure.include}; whoever reaches it can erase a
 * tenant's data: the foundation's security chain lets only callers with the operator role
 * ({@code foundation.auth.operator-role}) reach any actuator endpoint.
 */
@Endpoint(id = "crypto")
public class CryptoEndpoint {

	private static final String REENCRYPTION = "reencryption";

	private final EnvelopeDataKeys keys;

	private final @Nullable ReEncryptionRuns reEncryption;

	/**
	 * Creates the endpoint.
	 * @param keys the data keys
	 */
	public CryptoEndpoint(EnvelopeDataKeys keys) {
		this(keys, null);
	}

	/**
	 * Creates the endpoint.
	 * @param keys the data keys
	 * @param reEncryption the re-encryption job's runs, {@code null} when no table is
	 * configured
	 */
	public CryptoEndpoint(EnvelopeDataKeys keys, @Nullable ReEncryptionRuns reEncryption) {
		this.keys = keys;
		this.reEncryption = reEncryption;
	}

	@ReadOperation
	public Map<String, Object> status() {
		return this.keys.status();
	}

	@ReadOperation
	public Map<String, Object> part(@Selector String part) {
		return reEncryption(part).status();
	}

	@WriteOperation
	public Map<String, Object> rewrapAll() {
		return Map.of("rewrapped", this.keys.rewrapAll());
	}

	@WriteOperation
	public Map<String, Object> rotateOrStart(@Selector String target) {
		if (REENCRYPTION.equals(target)) {
			boolean started = reEncryption(target).start();
			return Map.of("started", started, "running", true);
		}
		UUID tenant = tenant(target);
		return Map.of("tenant", tenant, "activeVersion", this.keys.rotate(tenant));
	}

	@DeleteOperation
	public Map<String, Object> shred(@Selector String tenant) {
		UUID id = tenant(tenant);
		this.keys.shred(id);
		return Map.of("tenant", id, "shredded", true);
	}

	private ReEncryptionRuns reEncryption(String part) {
		if (!REENCRYPTION.equals(part)) {
			throw new InvalidEndpointRequestException("Unknown part of the crypto endpoint",
					"Unknown part of the crypto endpoint");
		}
		if (this.reEncryption == null) {
			throw new InvalidEndpointRequestException("No table is configured for re-encryption",
					"No table is configured for re-encryption: declare EncryptedTable beans");
		}
		return this.reEncryption;
	}

	private static UUID tenant(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException("Not a tenant id", "Not a tenant id");
		}
	}

}
