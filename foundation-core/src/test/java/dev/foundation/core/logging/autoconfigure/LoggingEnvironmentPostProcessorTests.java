package dev.foundation.core.logging.autoconfigure;

import java.util.regex.Pattern;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.logging.MaskingDefaults;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoggingEnvironmentPostProcessorTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void pointsLoggingAtFoundationConfigurationWhenApplicationHasNone() {
		postProcess();
		assertThat(this.environment.getProperty("logging.config"))
			.isEqualTo("classpath:dev/foundation/core/logging/logback-foundation.xml")
			.isEqualTo(LoggingEnvironmentPostProcessor.CONFIG_LOCATION);
		assertThat(getClass().getResource("/dev/foundation/core/logging/logback-foundation.xml")).isNotNull();
	}

	@Test
	void keepsApplicationsLoggingConfig() {
		this.environment.setProperty("logging.config", "classpath:my-logback.xml");
		postProcess();
		assertThat(this.environment.getProperty("logging.config")).isEqualTo("classpath:my-logback.xml");
		assertThat(this.environment.getProperty(LoggingEnvironmentPostProcessor.MASK_FIELDS)).isNotEmpty();
	}

	@Test
	void disabledSwitchLeavesLoggingAlone() {
		this.environment.setProperty("foundation.logging.enabled", "false");
		postProcess();
		assertThat(this.environment.getProperty("logging.config")).isNull();
		assertThat(this.environment.getProperty(LoggingEnvironmentPostProcessor.MASK_FIELDS)).isNull();
		assertThat(this.environment.getPropertySources().contains("foundationLogging")).isFalse();
	}

	@Test
	void passesDefaultMaskingListsAsSingleStrings() {
		postProcess();
		assertThat(this.environment.getProperty(LoggingEnvironmentPostProcessor.MASK_FIELDS))
			.isEqualTo(String.join(",", MaskingDefaults.FIELDS));
		assertThat(this.environment.getProperty(LoggingEnvironmentPostProcessor.MASK_PATTERNS))
			.isEqualTo(String.join("\n", MaskingDefaults.PATTERNS));
	}

	@Test
	void configuredListsReplaceDefaultsAndAdditionalEntriesAreAppended() {
		this.environment.setProperty("foundation.logging.mask.fields", "pin,cvv");
		this.environment.setProperty("foundation.logging.mask.additional-fields", "iban");
		this.environment.setProperty("foundation.logging.mask.patterns[0]", "\\d{16}");
		this.environment.setProperty("foundation.logging.mask.additional-patterns[0]", "[A-Z]{2}\\d{2}[A-Z0-9]{10,30}");
		postProcess();
		assertThat(this.environment.getProperty(LoggingEnvironmentPostProcessor.MASK_FIELDS)).isEqualTo("pin,cvv,iban");
		assertThat(this.environment.getProperty(LoggingEnvironmentPostProcessor.MASK_PATTERNS))
			.isEqualTo("\\d{16}\n[A-Z]{2}\\d{2}[A-Z0-9]{10,30}");
	}

	@Test
	void patternWithCommaIsKeptWhole() {
		// Bound as a list, "\d{7,14}" given in indexed form must not be split at its
		// comma.
		this.environment.setProperty("foundation.logging.mask.patterns[0]", "\\d{7,14}");
		postProcess();
		String patterns = this.environment.getProperty(LoggingEnvironmentPostProcessor.MASK_PATTERNS);
		assertThat(patterns).isEqualTo("\\d{7,14}");
		assertThat(Pattern.compile(patterns).matcher("12345678").matches()).isTrue();
	}

	@Test
	void applicationsOwnPropertiesWinOverFoundationDefaults() {
		this.environment.setProperty(LoggingEnvironmentPostProcessor.MASK_FIELDS, "explicit");
		postProcess();
		assertThat(this.environment.getProperty(LoggingEnvironmentPostProcessor.MASK_FIELDS)).isEqualTo("explicit");
	}

	@Test
	void rejectsInvalidRegularExpressionNamingTheProperty() {
		this.environment.setProperty("foundation.logging.mask.patterns[0]", "[unclosed");
		assertThatExceptionOfType(InvalidFoundationPropertyException.class).isThrownBy(this::postProcess)
			.withMessageContaining("foundation.logging.mask.patterns")
			.withMessageContaining("[unclosed")
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("foundation.logging.mask.patterns");
				assertThat(ex.getAction()).isNotBlank();
			});
		assertThat(this.environment.getProperty("logging.config")).isNull();
	}

	@Test
	void rejectsInvalidAdditionalRegularExpressionNamingThatProperty() {
		this.environment.setProperty("foundation.logging.mask.additional-patterns[0]", "(?<broken");
		assertThatExceptionOfType(InvalidFoundationPropertyException.class).isThrownBy(this::postProcess)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("foundation.logging.mask.additional-patterns"));
	}

	private void postProcess() {
		new LoggingEnvironmentPostProcessor().postProcessEnvironment(this.environment, new SpringApplication());
	}

}
