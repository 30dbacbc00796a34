package dev.foundation.core.database.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.database.internal.CircuitBreakingDataSource;
import dev.foundation.core.database.internal.CircuitBreakingDataSourcePostProcessor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseAvailabilityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DatabaseAvailabilityAutoConfiguration.class));

	@Test
	void wrapsHikariPoolsInABreakerNamedAfterTheBean() {
		this.contextRunner.withUserConfiguration(Pools.class).run((context) -> {
			DataSource pool = context.getBean("dataSource", DataSource.class);
			assertThat(pool).isInstanceOf(CircuitBreakingDataSource.class);
			assertThat(pool.unwrap(HikariDataSource.class)).isNotNull();
			CircuitBreaker breaker = ((CircuitBreakingDataSource) pool).getCircuitBreaker();
			assertThat(breaker.getName()).isEqualTo("dataSource");
			assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(10);
			assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(5);
			assertThat(breaker.getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(50f);
			assertThat(breaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
			// Not a pool: nothing to tell busy from down by.
			assertThat(context.getBean("plain", DataSource.class)).isInstanceOf(SimpleDriverDataSource.class);
		});
	}

	@Test
	void breakerFollowsTheProperties() {
		this.contextRunner.withUserConfiguration(Pools.class)
			.withPropertyValues("foundation.database.circuit-breaker.sliding-window-size=20",
					"foundation.database.circuit-breaker.minimum-number-of-calls=8",
					"foundation.database.circuit-breaker.failure-rate-threshold=75",
					"foundation.database.circuit-breaker.wait-duration-in-open-state=7s",
					"foundation.database.circuit-breaker.permitted-calls-in-half-open-state=3",
					"foundation.database.acquisition-timeout=5s")
			.run((context) -> {
				CircuitBreaker breaker = context.getBean("dataSource", CircuitBreakingDataSource.class)
					.getCircuitBreaker();
				assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
				assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(8);
				assertThat(breaker.getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(75f);
				assertThat(breaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
				assertThat(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
					.isEqualTo(Duration.ofSeconds(7).toMillis());
				assertThat(context.getBean(DatabaseProperties.class).getAcquisitionTimeout())
					.isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void invalidThresholdStopsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("foundation.database.circuit-breaker.failure-rate-threshold=150")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("foundation.database.circuit-breaker.failure-rate-threshold"));
	}

	@Test
	void disabledSwitchLeavesThePoolAlone() {
		this.contextRunner.withUserConfiguration(Pools.class)
			.withPropertyValues("foundation.database.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CircuitBreakingDataSourcePostProcessor.class);
				assertThat(context.getBean("dataSource")).isInstanceOf(HikariDataSource.class);
			});
	}

	@Test
	void backsOffWithoutHikari() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakingDataSourcePostProcessor.class));
	}

	@Test
	void backsOffToTheApplicationsPostProcessor() {
		this.contextRunner.withUserConfiguration(Pools.class, OwnPostProcessor.class)
			.run((context) -> assertThat(context.getBean(CircuitBreakingDataSourcePostProcessor.class))
				.isSameAs(OwnPostProcessor.instance));
	}

	@Configuration(proxyBeanMethods = false)
	static class Pools {

		@Bean
		HikariDataSource dataSource() {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
			return pool;
		}

		@Bean
		SimpleDriverDataSource plain() {
			return new SimpleDriverDataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPostProcessor {

		static final CircuitBreakingDataSourcePostProcessor instance = new CircuitBreakingDataSourcePostProcessor(
				new CircuitBreakingDataSourcePostProcessor.Settings(Duration.ofSeconds(1), 50, 10, 5,
						Duration.ofSeconds(1), 1));

		@Bean
		static CircuitBreakingDataSourcePostProcessor circuitBreakingDataSourcePostProcessor() {
			return instance;
		}

	}

}
