package dev.foundation.core.logging.autoconfigure;

import java.util.List;
import java.util.regex.Pattern;

import dev.foundation.core.logging.MaskingDefaults;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoggingAutoConfiguration.class));

	@Test
	void bindsDefaults() {
		this.contextRunner.run((context) -> {
			LoggingProperties properties = context.getBean(LoggingProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getMask().getFields()).isEqualTo(MaskingDefaults.FIELDS);
			assertThat(properties.getMask().getPatterns()).isEqualTo(MaskingDefaults.PATTERNS);
			assertThat(properties.getMask().getAdditionalFields()).isEmpty();
			assertThat(properties.getMask().getAdditionalPatterns()).isEmpty();
		});
	}

	@Test
	void bindsEachProperty() {
		this.contextRunner
			.withPropertyValues("foundation.logging.enabled=false", "foundation.logging.mask.fields=pin,cvv",
					"foundation.logging.mask.patterns[0]=\\d{16}", "foundation.logging.mask.additional-fields=iban",
					"foundation.logging.mask.additional-patterns[0]=[A-Z]{2}\\d{2}")
			.run((context) -> {
				LoggingProperties properties = context.getBean(LoggingProperties.class);
				assertThat(properties.isEnabled()).isFalse();
				assertThat(properties.getMask().getFields()).containsExactly("pin", "cvv");
				assertThat(properties.getMask().getPatterns()).containsExactly("\\d{16}");
				assertThat(properties.getMask().getAdditionalFields()).containsExactly("iban");
				assertThat(properties.getMask().getAdditionalPatterns()).containsExactly("[A-Z]{2}\\d{2}");
			});
	}

	@Test
	void defaultPatternsMaskWhatTheyPromiseAndNotTimestampsOrUuids() {
		List<Pattern> patterns = MaskingDefaults.PATTERNS.stream().map(Pattern::compile).toList();
		for (String sensitive : new String[] { "alice@example.com", "+4915123456789",
				"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefgh", "Bearer abc.def" }) {
			assertThat(patterns).as(sensitive).anyMatch((pattern) -> pattern.matcher(sensitive).find());
		}
		for (String harmless : new String[] { "2026-01-02T03:04:05.678Z", "3f2c8a4e-9d1b-4c7e-8f00-0123456789ab",
				"order 12345 shipped", "bearer-token-refresh job" }) {
			assertThat(patterns).as(harmless).noneMatch((pattern) -> pattern.matcher(harmless).find());
		}
	}

}
