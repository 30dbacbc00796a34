package dev.foundation.core.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidFoundationPropertyException} into a startup report that names
 * the property and the fix.
 */
class InvalidFoundationPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidFoundationPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidFoundationPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Update the property '" + cause.getProperty() + "' in your configuration: " + cause.getAction(), cause);
	}

}
