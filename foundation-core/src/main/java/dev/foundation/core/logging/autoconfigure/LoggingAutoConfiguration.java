package dev.foundation.core.logging.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Binds {@link LoggingProperties} so that they are validated and listed with the
 * application's configuration; the logging itself is set up before the context exists, by
 * {@link LoggingEnvironmentPostProcessor}.
 */
@AutoConfiguration
@EnableConfigurationProperties(LoggingProperties.class)
public final class LoggingAutoConfiguration {

	LoggingAutoConfiguration() {
	}

}
