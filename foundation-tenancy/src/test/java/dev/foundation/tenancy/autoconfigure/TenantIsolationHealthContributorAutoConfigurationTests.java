package dev.foundation.tenancy.autoconfigure;

import dev.foundation.tenancy.health.TenantIsolationHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TenantIsolationHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				TenantIsolationAutoConfiguration.class, TenantIsolationHealthContributorAutoConfiguration.class))
		// Never connected to: without entities the self-check has no table to look up.
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none");

	@Test
	void contributesTheTenantIsolationHealthIndicator() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TenantIsolationHealthIndicator.class);
			assertThat(context).hasBean("tenantIsolationHealthIndicator");
			Health health = context.getBean(TenantIsolationHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("tables", "checkedAt", "connectionCheck");
		});
	}

	@Test
	void canBeSwitchedOffLikeBootsIndicators() {
		this.runner.withPropertyValues("management.health.tenant-isolation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TenantIsolationHealthIndicator.class));
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TenantIsolationHealthIndicator.class));
	}

	@Test
	void needsBootsHealthModuleAndTenantIsolation() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TenantIsolationHealthIndicator.class));
		this.runner.withPropertyValues("foundation.tenancy.isolation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TenantIsolationHealthIndicator.class));
	}

	@Test
	void isUnknownWhenTheSelfCheckIsOffAndShowsNoConnectionCheckWhenThatIsOff() {
		this.runner
			.withPropertyValues("foundation.tenancy.isolation.self-check=off",
					"foundation.tenancy.isolation.connection-check.enabled=false")
			.run((context) -> {
				Health health = context.getBean(TenantIsolationHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(health.getDetails()).containsEntry("selfCheck", "off").doesNotContainKey("connectionCheck");
			});
	}

	@Test
	void backsOffFromTheApplicationsIndicator() {
		this.runner
			.withBean("tenantIsolationHealthIndicator", HealthIndicator.class,
					() -> () -> Health.outOfService().build())
			.run((context) -> assertThat(context).doesNotHaveBean(TenantIsolationHealthIndicator.class));
	}

}
