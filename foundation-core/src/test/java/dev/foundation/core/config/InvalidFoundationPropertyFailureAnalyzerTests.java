package dev.foundation.core.config;

import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class InvalidFoundationPropertyFailureAnalyzerTests {

	private final InvalidFoundationPropertyFailureAnalyzer analyzer = new InvalidFoundationPropertyFailureAnalyzer();

	@Test
	void describesPropertyReasonAndFix() {
		var failure = new InvalidFoundationPropertyException("foundation.context.trusted-proxies",
				"'proxy.internal' is not an IP address or CIDR range", "list IP addresses or CIDR ranges");
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid value for 'foundation.context.trusted-proxies': 'proxy.internal' is not an IP address or CIDR range");
		assertThat(analysis.getAction()).isEqualTo(
				"Update the property 'foundation.context.trusted-proxies' in your configuration: list IP addresses or CIDR ranges");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void findsExceptionWrappedInBeanCreationFailure() {
		var failure = new InvalidFoundationPropertyException("foundation.logging.mask.patterns", "bad", "fix it");
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("clientIpResolver", "Failed to instantiate", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("foundation.logging.mask.patterns");
	}

	@Test
	void ignoresUnrelatedFailures() {
		assertThat(this.analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
	}

	@Test
	void startupWithInvalidTrustedProxyReportsThePropertyAndTheFix(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(MinimalApplication.class).web(WebApplicationType.NONE)
				.run("--spring.main.banner-mode=off", "--foundation.context.trusted-proxies=10.0.0.0/8,proxy.internal"))
			.withRootCauseInstanceOf(InvalidFoundationPropertyException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value for 'foundation.context.trusted-proxies'")
			.contains("'proxy.internal' is not an IP address or CIDR range")
			.contains("Update the property 'foundation.context.trusted-proxies' in your configuration");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(RequestContextAutoConfiguration.class)
	static class MinimalApplication {

	}

}
