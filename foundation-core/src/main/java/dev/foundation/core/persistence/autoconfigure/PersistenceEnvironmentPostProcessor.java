package dev.foundation.core.persistence.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for the data stores, with the lowest precedence so that an application's own
 * settings win.
 * <p>
 * Spring's "open session in view" is off. Why: with it on, the first query of a request
 * takes a pooled connection and keeps it until the response is complete, and for a
 * server-sent event stream or any other long-lived response that is the stream's whole
 * life; a few open streams exhaust the pool. Lazy loading outside a transaction fails
 * fast instead; load what the response needs inside the service's transaction.
 * <p>
 * Redis commands and connections time out after 2 seconds rather than Lettuce's 60: Redis
 * serves caches and rate limits that have a fallback, and a request should reach it
 * rather than hang while Redis does.
 * <p>
 * Hikari's connection timeout is 250 ms (its minimum) rather than 30 s (unless
 * {@code foundation.database.enabled} is false): see
 * {@code dev.foundation.core.database.internal.CircuitBreakingDataSource}.
 */
public class PersistenceEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String OPEN_IN_VIEW = "spring.jpa.open-in-view";

	static final String REDIS_TIMEOUT = "spring.data.redis.timeout";

	static final String REDIS_CONNECT_TIMEOUT = "spring.data.redis.connect-timeout";

	static final String HIKARI_CONNECTION_TIMEOUT = "spring.datasource.hikari.connection-timeout";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>(
				Map.of(OPEN_IN_VIEW, "false", REDIS_TIMEOUT, "2s", REDIS_CONNECT_TIMEOUT, "2s"));
		if (environment.getProperty("foundation.database.enabled", Boolean.class, true)) {
			// Each attempt of the pool waits this long; the foundation's circuit breaker
			// retries attempts that time out on a busy pool (up to
			// foundation.database.acquisition-timeout) and fails at once those that time
			// out on an unreachable database.
			defaults.put(HIKARI_CONNECTION_TIMEOUT, "250");
		}
		environment.getPropertySources().addLast(new MapPropertySource("foundationPersistenceDefaults", defaults));
	}

}
