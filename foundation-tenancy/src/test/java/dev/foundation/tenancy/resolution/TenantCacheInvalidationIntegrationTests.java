package dev.foundation.tenancy.resolution;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.test.TestPostgres;
import dev.foundation.test.TestRedis;
import dev.foundation.test.auth.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The tenant cache across instances: independent application contexts (the "instances")
 * sharing one PostgreSQL database and one Redis, under a key prefix of their own, each
 * with an in-process cache that would keep entries for ten minutes. Changes are made
 * through one instance's directory; the other must refuse or see them at once.
 */
class TenantCacheInvalidationIntegrationTests {

	private static final Duration PROMPTLY = Duration.ofSeconds(3);

	private static final TestJwtIssuer issuer = TestJwtIssuer.start();

	private static final String prefix = "foundation-test:" + UUID.randomUUID() + ":";

	private static String database;

	private static Instance a;

	private static Instance b;

	@BeforeAll
	static void startInstances() {
		database = TestPostgres.shared().createDatabase("cachetier");
		a = Instance.start();
		b = Instance.start();
	}

	@AfterAll
	static void stopInstances() {
		if (a != null) {
			removeKeys(a.redis());
			a.close();
		}
		if (b != null) {
			b.close();
		}
		issuer.close();
	}

	@Test
	void tenantSuspendedThroughOneInstanceIsRefusedByTheOtherPromptly() throws Exception {
		String user = user();
		Tenant tenant = a.directory().create(slug(), "Acme", identity(user));
		assertThat(a.status(user, tenant.slug())).isEqualTo(200);
		assertThat(b.status(user, tenant.slug())).isEqualTo(200);
		assertThat(b.status(user, tenant.id().toString())).isEqualTo(200);

		a.directory().suspend(tenant.id());

		assertThat(a.status(user, tenant.slug())).isEqualTo(403);
		await().atMost(PROMPTLY).untilAsserted(() -> {
			assertThat(b.status(user, tenant.slug())).isEqualTo(403);
			assertThat(b.status(user, tenant.id().toString())).isEqualTo(403);
		});

		a.directory().activate(tenant.id());
		await().atMost(PROMPTLY).untilAsserted(() -> assertThat(b.status(user, tenant.slug())).isEqualTo(200));
	}

	@Test
	void membershipRevokedThroughOneInstanceIsRefusedByTheOtherPromptly() throws Exception {
		String user = user();
		Tenant tenant = a.directory().create(slug(), "Acme", identity("owner_" + slug()));
		a.directory().grant(tenant.id(), identity(user), TenantRole.MEMBER);
		assertThat(a.status(user, tenant.slug())).isEqualTo(200);
		assertThat(b.status(user, tenant.slug())).isEqualTo(200);

		a.directory().revoke(tenant.id(), identity(user));

		assertThat(a.status(user, tenant.slug())).isEqualTo(403);
		await().atMost(PROMPTLY).untilAsserted(() -> assertThat(b.status(user, tenant.slug())).isEqualTo(403));
	}

	@Test
	void roleChangedThroughOneInstanceIsSeenByTheOtherPromptly() throws Exception {
		String user = user();
		Tenant tenant = a.directory().create(slug(), "Acme", identity("owner_" + slug()));
		a.directory().grant(tenant.id(), identity(user), TenantRole.VIEWER);
		assertThat(b.role(user, tenant.slug())).isEqualTo("viewer");

		a.directory().grant(tenant.id(), identity(user), TenantRole.ADMIN);

		await().atMost(PROMPTLY).untilAsserted(() -> assertThat(b.role(user, tenant.slug())).isEqualTo("admin"));
	}

	@Test
	void redisTierHitAvoidsTheDatabase() throws Exception {
		String user = user();
		Tenant tenant = a.directory().create(slug(), "Acme", identity(user));
		assertThat(a.status(user, tenant.slug())).isEqualTo(200);
		int before = b.lookups();

		assertThat(b.status(user, tenant.slug())).isEqualTo(200);

		assertThat(b.lookups()).isEqualTo(before);
	}

	@Test
	void unknownTenantsAndNonMembersAreNotCachedAnywhere() throws Exception {
		String user = user();
		String slug = slug();
		assertThat(a.status(user, slug)).isEqualTo(404);
		assertThat(b.status(user, slug)).isEqualTo(404);
		assertThat(keys(a.redis()).stream().filter((key) -> key.contains(slug))).isEmpty();

		Tenant tenant = a.directory().create(slug, "Late", identity("owner_" + slug()));
		assertThat(b.status(user, slug)).isEqualTo(403);
		assertThat(keys(a.redis()).stream()
			.filter((key) -> key.contains(tenant.id() + "}:" + TenantResolutionCache.MEMBERSHIPS + ":v"))).isEmpty();

		a.directory().grant(tenant.id(), identity(user), TenantRole.MEMBER);
		assertThat(b.status(user, slug)).isEqualTo(200);
	}

	@Test
	void redisDownFallsBackToTheDatabase() throws Exception {
		try (Instance cut = Instance.start("spring.data.redis.port=" + freePort(), "spring.data.redis.timeout=1s",
				"spring.data.redis.connect-timeout=1s")) {
			String user = user();
			Tenant tenant = cut.directory().create(slug(), "Acme", identity(user));

			assertThat(cut.status(user, tenant.slug())).isEqualTo(200);
			cut.directory().suspend(tenant.id());
			assertThat(cut.status(user, tenant.slug())).isEqualTo(403);
			assertThat(cut.lookups()).isPositive();
		}
	}

	@Test
	void withoutRedisAChangeIsStillSeenAtOnceByTheChangingInstance() throws Exception {
		try (Instance alone = Instance.start("spring.autoconfigure.exclude="
				+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")) {
			assertThat(alone.context.getBeanProvider(FoundationRedis.class).getIfAvailable()).isNull();
			String user = user();
			Tenant tenant = alone.directory().create(slug(), "Acme", identity(user));
			alone.directory().grant(tenant.id(), identity("member_" + user), TenantRole.MEMBER);
			assertThat(alone.status(user, tenant.slug())).isEqualTo(200);
			assertThat(alone.status("member_" + user, tenant.slug())).isEqualTo(200);

			alone.directory().suspend(tenant.id());
			alone.directory().revoke(tenant.id(), identity("member_" + user));
			alone.directory().activate(tenant.id());

			assertThat(alone.status(user, tenant.slug())).isEqualTo(200);
			assertThat(alone.status("member_" + user, tenant.slug())).isEqualTo(403);
		}
	}

	private static Set<String> keys(StringRedisTemplate redis) {
		Set<String> keys = new HashSet<>();
		try (var cursor = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	private static void removeKeys(StringRedisTemplate redis) {
		Set<String> keys = keys(redis);
		if (!keys.isEmpty()) {
			redis.delete(keys);
		}
	}

	private static String user() {
		return "user_" + UUID.randomUUID().toString().replace("-", "");
	}

	/** The user of the Clerk tokens of {@link #issuer} with this subject. */
	private static UserIdentity identity(String subject) {
		return new UserIdentity(issuer.baseUrl(), subject);
	}

	private static String slug() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * One instance of the application, with its own context, cache and counted directory.
	 */
	static final class Instance implements AutoCloseable {

		final ConfigurableApplicationContext context;

		private final MockMvc mvc;

		private Instance(ConfigurableApplicationContext context) {
			this.context = context;
			DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context);
			new SpringBootMockMvcBuilderCustomizer((WebApplicationContext) context).customize(builder);
			this.mvc = builder.build();
		}

		static Instance start(String... properties) {
			TestPostgres postgres = TestPostgres.shared();
			TestRedis redis = TestRedis.shared();
			Map<String, String> arguments = new LinkedHashMap<>();
			for (String property : List.of("spring.main.banner-mode=off", "spring.jpa.hibernate.ddl-auto=none",
					"spring.flyway.enabled=false", "spring.datasource.url=" + postgres.jdbcUrl(database),
					"spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password(), "spring.data.redis.host=" + redis.host(),
					"spring.data.redis.port=" + redis.port(), "foundation.auth.clerk.issuer=" + issuer.baseUrl(),
					"foundation.tenancy.resolution.cache-ttl=10m", "foundation.cache.key-prefix=" + prefix)) {
				arguments.put(property.substring(0, property.indexOf('=')), property);
			}
			for (String property : properties) {
				arguments.put(property.substring(0, property.indexOf('=')), property);
			}
			SpringApplication application = new SpringApplication(TestApplication.class);
			application.setWebApplicationType(WebApplicationType.SERVLET);
			application.setApplicationContextFactory(ApplicationContextFactory.of(() -> {
				AnnotationConfigServletWebApplicationContext context = new AnnotationConfigServletWebApplicationContext();
				context.setServletContext(new MockServletContext());
				return context;
			}));
			return new Instance(application
				.run(arguments.values().stream().map((property) -> "--" + property).toArray(String[]::new)));
		}

		TenantDirectory directory() {
			return this.context.getBean(TenantDirectory.class);
		}

		StringRedisTemplate redis() {
			return new StringRedisTemplate(this.context.getBean(RedisConnectionFactory.class));
		}

		int lookups() {
			return this.context.getBean(CountingDirectory.class).lookups.get();
		}

		int status(String user, String tenant) throws Exception {
			return request(user, tenant).getResponse().getStatus();
		}

		String role(String user, String tenant) throws Exception {
			MvcResult result = request(user, tenant);
			assertThat(result.getResponse().getStatus()).isEqualTo(200);
			return result.getResponse().getContentAsString();
		}

		private MvcResult request(String user, String tenant) throws Exception {
			return this.mvc
				.perform(get("/api/v1/role").header("Authorization", "Bearer " + issuer.clerk().user(user).token())
					.header("X-Tenant-Id", tenant))
				.andReturn();
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/** Counts the directory's lookups (not its writes) made by this instance. */
	static final class CountingDirectory implements BeanPostProcessor {

		final AtomicInteger lookups = new AtomicInteger();

		private static final Set<String> LOOKUPS = Set.of("find", "findBySlug", "findByExternalId", "membership");

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof TenantDirectory directory)) {
				return bean;
			}
			return Proxy.newProxyInstance(TenantDirectory.class.getClassLoader(),
					new Class<?>[] { TenantDirectory.class }, (proxy, method, args) -> {
						if (LOOKUPS.contains(method.getName())) {
							this.lookups.incrementAndGet();
						}
						try {
							return method.invoke(directory, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		static CountingDirectory countingDirectory() {
			return new CountingDirectory();
		}

		@RestController
		static class Endpoints {

			@GetMapping("/api/v1/role")
			String role() {
				return CurrentTenant.membership().orElseThrow().role().value();
			}

		}

	}

}
