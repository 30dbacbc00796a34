package dev.foundation.tenancy.resolution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.MembershipListener;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantListener;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;
import dev.foundation.tenancy.autoconfigure.TenantResolutionAutoConfiguration;
import dev.foundation.tenancy.autoconfigure.TenantResolutionProperties;
import dev.foundation.tenancy.resolution.redis.RedisInvalidationSubscription;
import dev.foundation.tenancy.resolution.redis.RedisTenantCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.foundation.tenancy.resolution.TestRequests.principal;
import static dev.foundation.tenancy.resolution.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and properties of {@link TenantResolutionAutoConfiguration}.
 */
class TenantResolutionAutoConfigurationTests {

	private static final UserIdentity USER_1 = new UserIdentity(InMemoryTenantDirectory.ISSUER, "user_1");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenantResolutionAutoConfiguration.class))
		.withBean(TenantDirectory.class, () -> Mockito.mock(TenantDirectory.class));

	@Test
	void defaultsResolveFromClaimThenHeader() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(TenantResolution.class)
				.hasSingleBean(ClaimTenantResolver.class)
				.hasSingleBean(HeaderTenantResolver.class)
				.doesNotHaveBean(SubdomainTenantResolver.class)
				.hasBean("tenantRoles");
			TenantResolutionProperties properties = context.getBean(TenantResolutionProperties.class);
			assertThat(properties.getRequiredPaths()).containsExactly("/api/**");
			assertThat(properties.getExcludedPaths()).containsExactly("/api/v1/public/**", "/api/v1/me");
			assertThat(properties.getCacheTtl()).hasSeconds(30);
			assertThat(properties.getClaim().getOrder()).isEqualTo(ClaimTenantResolver.DEFAULT_ORDER);
			assertThat(properties.getHeader().getOrder()).isEqualTo(HeaderTenantResolver.DEFAULT_ORDER);
			assertThat(properties.getSubdomain().getOrder()).isEqualTo(SubdomainTenantResolver.DEFAULT_ORDER);
			assertThat(context.getBean(HeaderTenantResolver.class).headerName()).isEqualTo("X-Tenant-Id");
			TenantResolution resolution = context.getBean(TenantResolution.class);
			assertThat(resolution.requiresTenant("/api/v1/contacts")).isTrue();
			assertThat(resolution.requiresTenant("/api/v1/me")).isFalse();
		});
	}

	@Test
	void countsResolutionsInTheApplicationsMeterRegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			TenantResolution resolution = context.getBean(TenantResolution.class);
			assertThat(resolution.resolve(TestRequests.request("/api/v1/me", Map.of()),
					TestRequests.principal("user_1", null)))
				.isEmpty();
			assertThat(context.getBean(MeterRegistry.class)
				.get("foundation.tenancy.resolutions")
				.tags("source", "none", "outcome", "none")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void reportsNothingWithoutAMeterRegistryOrMicrometer() {
		this.contextRunner.run((context) -> assertThat(context.getBean(TenantResolutionEvents.class))
			.isSameAs(TenantResolutionEvents.NONE));
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(TenantResolution.class)
				.doesNotHaveBean(TenantResolutionEvents.class));
	}

	@Test
	void bindsPathsHeaderAndOrders() {
		this.contextRunner
			.withPropertyValues("foundation.tenancy.resolution.required-paths=/v2/**",
					"foundation.tenancy.resolution.excluded-paths=/v2/open",
					"foundation.tenancy.resolution.header.name=X-Org", "foundation.tenancy.resolution.header.order=10",
					"foundation.tenancy.resolution.claim.order=20")
			.run((context) -> {
				TenantResolution resolution = context.getBean(TenantResolution.class);
				assertThat(resolution.requiresTenant("/v2/things")).isTrue();
				assertThat(resolution.requiresTenant("/v2/open")).isFalse();
				assertThat(resolution.requiresTenant("/api/v1/things")).isFalse();
				assertThat(context.getBean(HeaderTenantResolver.class).headerName()).isEqualTo("X-Org");
				assertThat(context.getBean(HeaderTenantResolver.class).getOrder()).isEqualTo(10);
				assertThat(context.getBean(ClaimTenantResolver.class).getOrder()).isEqualTo(20);
			});
	}

	@Test
	void eachBuiltInResolverCanBeSwitchedOff() {
		this.contextRunner
			.withPropertyValues("foundation.tenancy.resolution.claim.enabled=false",
					"foundation.tenancy.resolution.header.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ClaimTenantResolver.class)
				.doesNotHaveBean(HeaderTenantResolver.class)
				.hasSingleBean(TenantResolution.class));
	}

	@Test
	void subdomainNeedsBaseDomain() {
		this.contextRunner.withPropertyValues("foundation.tenancy.resolution.subdomain.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("foundation.tenancy.resolution.subdomain.base-domain"));
		this.contextRunner
			.withPropertyValues("foundation.tenancy.resolution.subdomain.enabled=true",
					"foundation.tenancy.resolution.subdomain.base-domain=example.com")
			.run((context) -> assertThat(context).hasSingleBean(SubdomainTenantResolver.class));
	}

	@Test
	void resolutionSwitchTurnsEverythingOff() {
		this.contextRunner.withPropertyValues("foundation.tenancy.resolution.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TenantResolution.class)
				.doesNotHaveBean(TenantResolver.class)
				.doesNotHaveBean("tenantRoles"));
		this.contextRunner.withPropertyValues("foundation.tenancy.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TenantResolution.class));
	}

	@Test
	void backsOffWithoutDirectory() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TenantResolutionAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TenantResolution.class));
	}

	@Test
	void backsOffToApplicationResolution() {
		TenantResolution own = new TenantResolution(List.of(), Mockito.mock(TenantDirectory.class),
				new TenantRequiredPaths(List.of(), List.of()), false, Duration.ZERO, Clock.systemUTC());
		this.contextRunner.withBean(TenantResolution.class, () -> own)
			.run((context) -> assertThat(context.getBean(TenantResolution.class)).isSameAs(own));
	}

	@Test
	void applicationResolversJoinInTheirOrder() {
		TenantDirectory directory = Mockito.mock(TenantDirectory.class);
		Tenant acme = new Tenant(UUID.randomUUID(), "acme", "Acme", TenantStatus.ACTIVE, Instant.now());
		Mockito.when(directory.findBySlug("acme")).thenReturn(Optional.of(acme));
		Mockito.when(directory.membership(acme.id(), USER_1))
			.thenReturn(Optional.of(new Membership(acme.id(), USER_1, TenantRole.MEMBER, Instant.now())));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TenantResolutionAutoConfiguration.class))
			.withBean(TenantDirectory.class, () -> directory)
			.withUserConfiguration(PhoneNumberResolverConfiguration.class)
			.run((context) -> {
				// Order 1 runs before the header (200), which would name another tenant.
				Optional<ResolvedTenant> resolved = context.getBean(TenantResolution.class)
					.resolve(request("h", "/api/calls", Map.of("X-Tenant-Id", "other"), Map.of("to", "+15550100")),
							principal("user_1", null));
				assertThat(resolved).hasValueSatisfying((result) -> assertThat(result.tenant()).isEqualTo(acme));
			});
	}

	@Test
	void withoutRedisTheCacheIsInProcessOnlyAndStillInvalidatedByChanges() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TenantResolutionCache.class)
				.doesNotHaveBean(SharedTenantCache.class)
				.doesNotHaveBean(RedisInvalidationSubscription.class);
			assertThat(context.getBeanProvider(MembershipListener.class).stream()).hasSize(1);
			assertThat(context.getBeanProvider(TenantListener.class).stream()).hasSize(1);
		});
	}

	@Test
	void redisConnectionFactoryAddsTheRedisTierAndTheSubscription() {
		this.contextRunner.withBean(RedisConnectionFactory.class, () -> Mockito.mock(RedisConnectionFactory.class))
			.withPropertyValues("foundation.tenancy.resolution.cache.redis.ttl=1m")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RedisTenantCache.class)
				.hasSingleBean(RedisInvalidationSubscription.class));
	}

	@Test
	void redisTierCanBeSwitchedOffOrKeptFromBroadcasting() {
		ApplicationContextRunner withRedis = this.contextRunner.withBean(RedisConnectionFactory.class,
				() -> Mockito.mock(RedisConnectionFactory.class));
		withRedis.withPropertyValues("foundation.tenancy.resolution.cache.redis.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SharedTenantCache.class)
				.doesNotHaveBean(RedisInvalidationSubscription.class));
		withRedis.withPropertyValues("foundation.tenancy.resolution.cache.redis.broadcast-invalidations=false")
			.run((context) -> assertThat(context).hasSingleBean(RedisTenantCache.class)
				.doesNotHaveBean(RedisInvalidationSubscription.class));
	}

	@Test
	void redisTierNeedsSpringDataRedis() {
		this.contextRunner.withBean(RedisConnectionFactory.class, () -> Mockito.mock(RedisConnectionFactory.class))
			.withClassLoader(new FilteredClassLoader(StringRedisTemplate.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SharedTenantCache.class));
	}

	@Test
	void backsOffToApplicationSharedCache() {
		SharedTenantCache own = SharedTenantCache.NONE;
		this.contextRunner.withBean(RedisConnectionFactory.class, () -> Mockito.mock(RedisConnectionFactory.class))
			.withBean(SharedTenantCache.class, () -> own)
			.run((context) -> assertThat(context.getBean(SharedTenantCache.class)).isSameAs(own));
	}

	@Test
	void negativeCacheTtlFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("foundation.tenancy.resolution.cache-ttl=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidFoundationPropertyException.class,
						(failure) -> assertThat(failure.getProperty())
							.isEqualTo("foundation.tenancy.resolution.cache-ttl")));
	}

	@Test
	void invalidRedisTtlOrPrefixFailsStartupNamingTheProperty() {
		ApplicationContextRunner withRedis = this.contextRunner.withBean(RedisConnectionFactory.class,
				() -> Mockito.mock(RedisConnectionFactory.class));
		for (String ttl : new String[] { "0s", "-5m" }) {
			withRedis.withPropertyValues("foundation.tenancy.resolution.cache.redis.ttl=" + ttl)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOfSatisfying(InvalidFoundationPropertyException.class,
							(failure) -> assertThat(failure.getProperty())
								.isEqualTo("foundation.tenancy.resolution.cache.redis.ttl")));
		}
		withRedis.withPropertyValues("foundation.tenancy.resolution.cache.redis.key-prefix= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidFoundationPropertyException.class,
						(failure) -> assertThat(failure.getProperty())
							.isEqualTo("foundation.tenancy.resolution.cache.redis.key-prefix")));
	}

	@Configuration(proxyBeanMethods = false)
	static class PhoneNumberResolverConfiguration {

		@Bean
		@Order(1)
		TenantResolver phoneNumberResolver() {
			return (request, principal) -> Optional.ofNullable(request.parameter("to"))
				.map((number) -> TenantCandidate.bySlug("acme"));
		}

	}

}
