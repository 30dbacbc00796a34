package dev.foundation.crypto.internal;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code crypto} actuator endpoint: the state of the keys (never key material), and
 * the key operations: re-wrap every data key under the active master key
 * ({@code POST /actuator/crypto}), rotate a tenant's data key ({@code POST
 * /actuator/crypto/{tenant}}), shred a tenant ({@code DELETE /actuator/crypto/{tenant}}).
 * Not exposed unless listed in {@code management.endpoints.web.exposure.include}; whoever
 * reaches it can erase a tenant's data: the foundation's security chain lets only callers
 * with the operator role ({@code foundation.auth.operator-role}) reach any actuator
 * endpoint.
 */
@Endpoint(id = "crypto")
public class CryptoEndpoint {

	private final EnvelopeDataKeys keys;

	/**
	 * Creates the endpoint.
	 * @param keys the data keys
	 */
	public CryptoEndpoint(EnvelopeDataKeys keys) {
		this.keys = keys;
	}

	@ReadOperation
	public Map<String, Object> status() {
		return this.keys.status();
	}

	@WriteOperation
	public Map<String, Object> rewrapAll() {
		return Map.of("rewrapped", this.keys.rewrapAll());
	}

	@WriteOperation
	public Map<String, Object> rotate(@Selector UUID tenant) {
		return Map.of("tenant", tenant, "activeVersion", this.keys.rotate(tenant));
	}

	@DeleteOperation
	public Map<String, Object> shred(@Selector UUID tenant) {
		this.keys.shred(tenant);
		return Map.of("tenant", tenant, "shredded", true);
	}

}
