package dev.foundation.sample.devservices;

import java.util.Map;

/**
 * A server started for local development, with the Spring properties that point the
 * application at it.
 */
interface DevService {

	/** What runs where, for the log line that tells a developer what was started. */
	String description();

	/** The properties that connect the application to this server. */
	Map<String, Object> properties();

	/** Stops the server; called at most once. */
	void stop() throws Exception;

}
