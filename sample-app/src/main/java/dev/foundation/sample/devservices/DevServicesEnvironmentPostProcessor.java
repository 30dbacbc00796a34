package dev.foundation.sample.devservices;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts an embedded PostgreSQL when {@code spring.datasource.url} is not set, and an
 * embedded Redis when neither {@code spring.data.redis.url} nor
 * {@code spring.data.redis.host} is, and points the application at them through a
 * highest-priority property source named {@value DevServicesPropertySource#NAME}.
 * <p>
 * Properties: {@code sample.dev-services.enabled} (default {@code true}) and
 * {@code sample.dev-services.postgres-port} (default 0, a free port). The services stop
 * when the application context closes ({@link DevServicesShutdownListener}) or the JVM
 * exits. When a needed service cannot start, startup fails with a message saying which
 * environment variables point the application at an existing server instead.
 */
public class DevServicesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String ENABLED = "sample.dev-services.enabled";

	static final String POSTGRES_PORT = "sample.dev-services.postgres-port";

	static final String MASTER_KEY = "foundation.crypto.master-keys[0].key";

	private final Log logger;

	/**
	 * Called by Spring Boot, which passes a factory for logs that are written once
	 * logging is set up.
	 * @param logFactory the deferred log factory
	 */
	public DevServicesEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DevServicesEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED, Boolean.class, true)) {
			return;
		}
		boolean needsPostgres = !environment.containsProperty("spring.datasource.url");
		boolean needsRedis = !environment.containsProperty("spring.data.redis.url")
				&& !environment.containsProperty("spring.data.redis.host");
		if (!needsPostgres && !needsRedis) {
			return;
		}
		DevServicesPropertySource devServices = new DevServicesPropertySource();
		try {
			if (needsPostgres) {
				int port = environment.getProperty(POSTGRES_PORT, Integer.class, 0);
				add(devServices, EmbeddedPostgresDevService.start(port), "spring.datasource.url is not set",
						EmbeddedPostgresDevService.CONFIGURATION);
				if (!environment.containsProperty(MASTER_KEY)) {
					// The embedded database lives as long as this run, so may its master
					// key: the sample ships no
					// key material. A database that outlives the run needs a configured
					// key.
					byte[] key = new byte[32];
					new SecureRandom().nextBytes(key);
					devServices.put("foundation.crypto.master-keys[0].id", "dev-services");
					devServices.put(MASTER_KEY, Base64.getEncoder().encodeToString(key));
					Arrays.fill(key, (byte) 0);
					this.logger.info("Dev services: generated a master key for this run (the embedded database's data "
							+ "dies with it); set " + MASTER_KEY + " for a database that outlives the run.");
				}
			}
			if (needsRedis) {
				add(devServices, EmbeddedRedisDevService.start(),
						"neither spring.data.redis.url nor spring.data.redis.host is set",
						EmbeddedRedisDevService.CONFIGURATION);
			}
		}
		catch (RuntimeException ex) {
			devServices.close();
			throw ex;
		}
		environment.getPropertySources().addFirst(devServices);
	}

	private void add(DevServicesPropertySource devServices, DevService service, String reason, String configuration) {
		devServices.add(service);
		this.logger.info("Dev services: started " + service.description() + " because " + reason + ". Set "
				+ configuration + " to use your own server, or " + ENABLED + "=false to start nothing.");
	}

	/**
	 * After every other post-processor, so that properties from configuration files,
	 * profiles and the environment are all visible before deciding whether anything needs
	 * starting.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
