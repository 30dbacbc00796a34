package dev.foundation.sample.devservices;

/**
 * Thrown when a development service was needed but could not be started; analysed by
 * {@link DevServicesFailureAnalyzer}.
 */
class DevServiceStartException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String service;

	private final String configuration;

	/**
	 * @param service the server that failed, e.g. "PostgreSQL"
	 * @param configuration the environment variables that point the app at an existing
	 * server instead
	 * @param cause why it failed
	 */
	DevServiceStartException(String service, String configuration, Throwable cause) {
		super("Could not start an embedded " + service + " for development (" + cause + "). Set " + configuration
				+ " to use an existing server, or run 'docker compose up'.", cause);
		this.service = service;
		this.configuration = configuration;
	}

	String service() {
		return this.service;
	}

	String configuration() {
		return this.configuration;
	}

}
