package dev.foundation.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link WithTestServices @WithTestServices} into a
 * {@link TestServicesContextCustomizer}; registered in {@code META-INF/spring.factories},
 * which only Spring's TestContext framework reads.
 */
class TestServicesContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		WithTestServices services = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithTestServices.class);
		return (services != null) ? new TestServicesContextCustomizer(services.database(), services.applicationRole())
				: null;
	}

}
