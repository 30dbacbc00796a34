package dev.foundation.tenancy.resolution;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.CacheValueCodec;
import dev.foundation.core.cache.FoundationCache;
import dev.foundation.core.cache.FoundationCaches;
import dev.foundation.core.cache.autoconfigure.FoundationCacheAutoConfiguration;
import dev.foundation.core.cache.internal.CacheMeters;
import dev.foundation.core.cache.internal.TieredCaches;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.MembershipListener;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantListener;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;
import dev.foundation.tenancy.autoconfigure.TenantResolutionAutoConfiguration;
import dev.foundation.tenancy.autoconfigure.TenantResolutionProperties;
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

import static dev.foundation.tenancy.resolution.TestRequests.principal;
import static dev.foundation.tenancy.resolution.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and properties of {@link TenantResolutionAutoConfiguration}.
 */
class TenantResolutionAutoConfigurationTests {

	private static final UserIdentity USER_1 = new UserIdentity(InMemoryTenantDirectory.ISSUER, "user_1");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(FoundationCacheAutoConfiguration.class, TenantResolutionAutoConfiguration.class))
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
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FoundationCacheAutoConfiguration.class,
					TenantResolutionAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TenantResolution.class));
	}

	@Test
	void backsOffToApplicationResolution() {
		TenantResolution own = new TenantResolution(List.of(), Mockito.mock(TenantDirectory.class),
				new TenantRequiredPaths(List.of(), List.of()), false, TestTenantCaches.inProcess(Duration.ZERO));
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
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FoundationCacheAutoConfiguration.class,
					TenantResolutionAutoConfiguration.class))
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
				.hasSingleBean(FoundationCaches.class)
				.doesNotHaveBean(FoundationRedis.class);
			assertThat(context.getBeanProvider(MembershipListener.class).stream()).hasSize(1);
			assertThat(context.getBeanProvider(TenantListener.class).stream()).hasSize(1);
		});
	}

	@Test
	void tenancyCachePropertiesBecomeTheSettingsOfItsCaches() {
		Map<String, CacheSettings> settings = new ConcurrentHashMap<>();
		this.contextRunner.withBean(FoundationCaches.class, () -> recording(settings))
			.withPropertyValues("foundation.tenancy.resolution.cache-ttl=5s",
					"foundation.tenancy.resolution.cache.redis.ttl=1m",
					"foundation.tenancy.resolution.cache.redis.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(settings).containsOnlyKeys(TenantResolutionCache.TENANTS, TenantResolutionCache.MEMBERSHIPS,
						TenantResolutionCache.TENANT_NAMES);
				CacheSettings tenants = settings.get(TenantResolutionCache.TENANTS);
				assertThat(tenants.ttl()).hasMinutes(1);
				assertThat(tenants.redis()).isFalse();
				assertThat(tenants.localTtl()).hasSeconds(5);
				assertThat(tenants.hasLocalTier()).isTrue();
				assertThat(tenants.allowNullValues()).isFalse();
			});
		this.contextRunner.withBean(FoundationCaches.class, () -> recording(settings))
			.withPropertyValues("foundation.tenancy.resolution.cache-ttl=0")
			.run((context) -> assertThat(settings.get(TenantResolutionCache.TENANTS).hasLocalTier()).isFalse());
	}

	private static FoundationCaches recording(Map<String, CacheSettings> settings) {
		TieredCaches caches = new TieredCaches(null, "test:", Duration.ofSeconds(30),
				Mockito.mock(CacheValueCodec.class), CacheMeters.NONE, (name, defaults) -> defaults);
		return new FoundationCaches() {

			@Override
			public FoundationCache cache(String name) {
				return caches.cache(name);
			}

			@Override
			public FoundationCache cache(String name, CacheSettings defaults) {
				settings.put(name, defaults);
				return caches.cache(name, defaults);
			}

		};
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
	void invalidRedisTtlFailsStartupNamingTheProperty() {
		for (String ttl : new String[] { "0s", "-5m" }) {
			this.contextRunner.withPropertyValues("foundation.tenancy.resolution.cache.redis.ttl=" + ttl)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOfSatisfying(InvalidFoundationPropertyException.class,
							(failure) -> assertThat(failure.getProperty())
								.isEqualTo("foundation.tenancy.resolution.cache.redis.ttl")));
		}
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
