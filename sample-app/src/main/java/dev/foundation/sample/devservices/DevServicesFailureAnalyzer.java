package dev.foundation.sample.devservices;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a development service that could not start, and how to use an existing server
 * instead.
 */
public class DevServicesFailureAnalyzer extends AbstractFailureAnalyzer<DevServiceStartException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DevServiceStartException cause) {
		String description = "No " + cause.service() + " is configured, so the sample app tried to start an embedded "
				+ cause.service() + " for development, which failed: " + cause.getCause();
		String action = "Set " + cause.configuration() + " to an existing " + cause.service()
				+ " (for example the one 'docker compose up' starts), or fix the error above. "
				+ "Embedded servers can be switched off with " + DevServicesEnvironmentPostProcessor.ENABLED
				+ "=false.";
		return new FailureAnalysis(description, action, cause);
	}

}
