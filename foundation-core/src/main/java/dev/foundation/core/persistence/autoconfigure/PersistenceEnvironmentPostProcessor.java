package dev.foundation.core.persistence.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring's "open session in view" off by default, with the lowest precedence so that an application setting
 * {@code spring.jpa.open-in-view} keeps its choice.
 * <p>
 * Why: with it on, the first query of a request takes a pooled connection and keeps it until the response is
 * complete, and for a server-sent event stream or any other long-lived response that is the stream's whole life; a
 * few open streams exhaust the pool. Lazy loading outside a transaction fails fast instead; load what the response
 * needs inside the service's transaction.
 */
public class PersistenceEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String OPEN_IN_VIEW = "spring.jpa.open-in-view";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("foundationPersistenceDefaults", Map.of(OPEN_IN_VIEW, "false")));
	}

}
