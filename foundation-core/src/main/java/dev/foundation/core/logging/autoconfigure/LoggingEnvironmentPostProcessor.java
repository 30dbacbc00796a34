package dev.foundation.core.logging.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.logging.MaskingDefaults;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

/**
 * Points Boot's logging system at the foundation's logback configuration, unless the
 * application configured its own, and hands it the masking lists in a form logback's
 * {@code <springProperty>} can read (one string each).
 * <p>
 * Runs before Boot initialises logging, which happens right after the environment is
 * prepared.
 */
class LoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The foundation's logback configuration. */
	static final String CONFIG_LOCATION = "classpath:dev/foundation/core/logging/logback-foundation.xml";

	static final String MASK_FIELDS = "foundation.logging.internal.mask-fields";

	static final String MASK_PATTERNS = "foundation.logging.internal.mask-patterns";

	private static final String[] APPLICATION_CONFIGS = { "logback-test.xml", "logback.xml", "logback-spring.xml",
			"logback-test-spring.xml" };

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ClassUtils.isPresent("net.logstash.logback.encoder.LogstashEncoder", getClass().getClassLoader())) {
			return;
		}
		Binder binder = Binder.get(environment);
		boolean enabled = binder.bind("foundation.logging.enabled", Boolean.class).orElse(true);
		if (!enabled) {
			return;
		}
		List<String> fields = new ArrayList<>(
				binder.bind("foundation.logging.mask.fields", Bindable.listOf(String.class))
					.orElse(MaskingDefaults.FIELDS));
		fields.addAll(binder.bind("foundation.logging.mask.additional-fields", Bindable.listOf(String.class))
			.orElse(List.of()));
		List<String> patterns = new ArrayList<>(
				binder.bind("foundation.logging.mask.patterns", Bindable.listOf(String.class))
					.orElse(MaskingDefaults.PATTERNS));
		patterns.forEach((pattern) -> requireValidPattern("foundation.logging.mask.patterns", pattern));
		List<String> additionalPatterns = binder
			.bind("foundation.logging.mask.additional-patterns", Bindable.listOf(String.class))
			.orElse(List.of());
		additionalPatterns
			.forEach((pattern) -> requireValidPattern("foundation.logging.mask.additional-patterns", pattern));
		patterns.addAll(additionalPatterns);
		Map<String, Object> properties = new HashMap<>();
		properties.put(MASK_FIELDS, String.join(",", fields));
		properties.put(MASK_PATTERNS, String.join("\n", patterns));
		if (!environment.containsProperty("logging.config") && !hasApplicationConfig()) {
			properties.put("logging.config", CONFIG_LOCATION);
		}
		environment.getPropertySources().addLast(new MapPropertySource("foundationLogging", properties));
	}

	private static void requireValidPattern(String property, String pattern) {
		try {
			Pattern.compile(pattern);
		}
		catch (PatternSyntaxException ex) {
			throw new InvalidFoundationPropertyException(property,
					"'" + pattern + "' is not a valid regular expression (" + ex.getDescription() + ")",
					"use java.util.regex syntax, e.g. \\\\d{16} for card numbers");
		}
	}

	private boolean hasApplicationConfig() {
		ClassLoader classLoader = getClass().getClassLoader();
		for (String config : APPLICATION_CONFIGS) {
			if (new ClassPathResource(config, classLoader).exists()) {
				return true;
			}
		}
		return false;
	}

}
