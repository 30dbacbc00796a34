package dev.foundation.core.health.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets the defaults of actuator's liveness and readiness groups, with the lowest
 * precedence so that any {@code management.*} property of the application wins.
 * <p>
 * Liveness holds only the application's own liveness state: a database outage must not
 * make the orchestrator restart every instance. Readiness adds the database, and Redis
 * only with {@code foundation.health.redis-required=true}; group membership is not
 * validated because Redis (or the database) may legitimately be absent from an
 * application. Anonymous callers get the status alone; components and details are shown
 * to authenticated callers ({@code management.endpoint.health.roles} narrows that to
 * roles).
 */
class HealthEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String GROUPS = "management.endpoint.health.group.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("foundation.health.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.endpoint.health.validate-group-membership", "false");
		defaults.put(GROUPS + "liveness.include", "livenessState");
		// Redis only when the application declares it required: the foundation's uses of
		// it (tenant cache, rate limits) degrade without it, and a shared Redis going
		// down would otherwise take every instance out of rotation at once.
		boolean redisRequired = environment.getProperty("foundation.health.redis-required", Boolean.class, false);
		defaults.put(GROUPS + "readiness.include", redisRequired ? "readinessState,db,redis" : "readinessState,db");
		// Components and details (which name hosts, versions and exception classes) only
		// for authenticated callers:
		// the probes are public paths, and anyone may call them.
		defaults.put("management.endpoint.health.show-components", "when-authorized");
		defaults.put("management.endpoint.health.show-details", "when-authorized");
		defaults.put(GROUPS + "readiness.show-components", "when-authorized");
		defaults.put(GROUPS + "readiness.show-details", "when-authorized");
		environment.getPropertySources().addLast(new MapPropertySource("foundationHealthDefaults", defaults));
	}

}
