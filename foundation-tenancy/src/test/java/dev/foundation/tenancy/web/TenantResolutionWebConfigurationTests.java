package dev.foundation.tenancy.web;

import dev.foundation.core.cache.autoconfigure.FoundationCacheAutoConfiguration;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.autoconfigure.TenantResolutionAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web part of {@link TenantResolutionAutoConfiguration}: the filter's registration
 * and the role interceptor.
 */
class TenantResolutionWebConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(FoundationCacheAutoConfiguration.class, TenantResolutionAutoConfiguration.class))
		.withBean(TenantDirectory.class, () -> Mockito.mock(TenantDirectory.class));

	@Test
	void registersFilterJustAfterSpringSecurity() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasBean("tenantResolutionFilterRegistration");
			FilterRegistrationBean<?> registration = context.getBean("tenantResolutionFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(TenantResolutionFilter.class);
			assertThat(registration.getOrder()).isEqualTo(-90);
			assertThat(context).hasBean("requireTenantRoleWebMvcConfigurer");
			assertThat(context.getBean("requireTenantRoleWebMvcConfigurer")).isInstanceOf(WebMvcConfigurer.class);
		});
	}

	@Test
	void followsSpringSecuritysFilterWhereverTheApplicationOrdersIt() {
		this.contextRunner.withPropertyValues("spring.security.filter.order=5")
			.run((context) -> assertThat(
					context.getBean("tenantResolutionFilterRegistration", FilterRegistrationBean.class).getOrder())
				.isEqualTo(15));
	}

	@Test
	void backsOffToApplicationFilterRegistration() {
		FilterRegistrationBean<TenantResolutionFilter> own = new FilterRegistrationBean<>();
		this.contextRunner.withBean("tenantResolutionFilterRegistration", FilterRegistrationBean.class, () -> own)
			.run((context) -> assertThat(context.getBean("tenantResolutionFilterRegistration")).isSameAs(own));
	}

	@Test
	void registersNoFilterOutsideWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FoundationCacheAutoConfiguration.class,
					TenantResolutionAutoConfiguration.class))
			.withBean(TenantDirectory.class, () -> Mockito.mock(TenantDirectory.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("tenantResolutionFilterRegistration")
				.doesNotHaveBean(WebMvcConfigurer.class));
	}

	@Test
	void switchedOffResolutionRegistersNoFilter() {
		this.contextRunner.withPropertyValues("foundation.tenancy.resolution.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("tenantResolutionFilterRegistration"));
	}

}
