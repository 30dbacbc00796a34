package dev.foundation.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Adds the properties of {@link FoundationTestServices} to a test's application context.
 * A record: Spring keys its context cache on the customizers' equality, so test classes
 * asking for the same database share a context.
 */
record TestServicesContextCustomizer(String databasePrefix, boolean applicationRole) implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "foundationTestServices";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
		DynamicPropertyRegistry registry = properties::put;
		if (this.applicationRole) {
			FoundationTestServices.registerWithApplicationRole(registry, this.databasePrefix);
		}
		else {
			FoundationTestServices.register(registry, this.databasePrefix);
		}
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		SupplierPropertySource source = new SupplierPropertySource(properties);
		// Above the application's configuration, below what the test class itself says.
		if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	/**
	 * Properties whose values are asked of their suppliers when read, as
	 * {@code @DynamicPropertySource}'s are.
	 */
	private static final class SupplierPropertySource extends EnumerablePropertySource<Map<String, Supplier<Object>>> {

		SupplierPropertySource(Map<String, Supplier<Object>> properties) {
			super(PROPERTY_SOURCE_NAME, Map.copyOf(properties));
		}

		@Override
		public String[] getPropertyNames() {
			return this.source.keySet().toArray(String[]::new);
		}

		@Override
		public @Nullable Object getProperty(String name) {
			Supplier<Object> value = this.source.get(name);
			return (value != null) ? value.get() : null;
		}

	}

}
