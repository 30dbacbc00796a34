package dev.foundation.core.paging.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.foundation.core.paging.web.CursorPageLinkAdvice;
import dev.foundation.core.paging.web.CursorRequestArgumentResolver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Window;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class PagingAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PagingAutoConfiguration.class));

	@Test
	void registersTheResolverWithDefaultSizes() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CursorRequestArgumentResolver.class);
			PagingProperties properties = context.getBean(PagingProperties.class);
			assertThat(properties.getDefaultSize()).isEqualTo(20);
			assertThat(properties.getMaxSize()).isEqualTo(100);
			List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
			context.getBean("cursorRequestWebMvcConfigurer", WebMvcConfigurer.class).addArgumentResolvers(resolvers);
			assertThat(resolvers).containsExactly(context.getBean(CursorRequestArgumentResolver.class));
			assertThat(context).hasSingleBean(CursorPageLinkAdvice.class);
		});
	}

	@Test
	void linkHeaderCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("foundation.paging.link-header=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CursorPageLinkAdvice.class)
				.hasSingleBean(CursorRequestArgumentResolver.class));
	}

	@Test
	void sizesComeFromProperties() {
		this.contextRunner.withPropertyValues("foundation.paging.default-size=5", "foundation.paging.max-size=7")
			.run((context) -> {
				PagingProperties properties = context.getBean(PagingProperties.class);
				assertThat(properties.getDefaultSize()).isEqualTo(5);
				assertThat(properties.getMaxSize()).isEqualTo(7);
			});
	}

	@Test
	void defaultAboveMaximumFailsAtStartup() {
		this.contextRunner.withPropertyValues("foundation.paging.default-size=50", "foundation.paging.max-size=10")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("foundation.paging.default-size"));
		this.contextRunner.withPropertyValues("foundation.paging.max-size=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("foundation.paging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CursorRequestArgumentResolver.class)
				.doesNotHaveBean(CursorPageLinkAdvice.class)
				.doesNotHaveBean("cursorRequestWebMvcConfigurer"));
	}

	@Test
	void backsOffWithoutSpringDataCommons() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Window.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CursorRequestArgumentResolver.class));
	}

	@Test
	void backsOffOutsideAServletApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PagingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CursorRequestArgumentResolver.class));
	}

	@Test
	void usesTheApplicationsOwnResolver() {
		this.contextRunner.withUserConfiguration(OwnResolver.class).run((context) -> {
			assertThat(context).hasSingleBean(CursorRequestArgumentResolver.class);
			assertThat(context.getBean(CursorRequestArgumentResolver.class))
				.isSameAs(context.getBean(OwnResolver.class).resolver);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnResolver {

		final CursorRequestArgumentResolver resolver = new CursorRequestArgumentResolver(3, 4);

		@Bean
		CursorRequestArgumentResolver ownCursorRequestArgumentResolver() {
			return this.resolver;
		}

	}

}
