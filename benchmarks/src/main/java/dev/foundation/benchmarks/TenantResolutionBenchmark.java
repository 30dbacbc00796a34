package dev.foundation.benchmarks;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.internal.CacheMeters;
import dev.foundation.core.cache.internal.JacksonCacheValueCodec;
import dev.foundation.core.cache.internal.TieredCaches;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.internal.JdbcTenantDirectory;
import dev.foundation.tenancy.resolution.ClaimTenantResolver;
import dev.foundation.tenancy.resolution.CurrentTenant;
import dev.foundation.tenancy.resolution.HeaderTenantResolver;
import dev.foundation.tenancy.resolution.ResolvedTenant;
import dev.foundation.tenancy.resolution.TenantRequest;
import dev.foundation.tenancy.resolution.TenantRequiredPaths;
import dev.foundation.tenancy.resolution.TenantResolution;
import dev.foundation.tenancy.resolution.TenantResolutionCache;
import dev.foundation.tenancy.web.TenantResolutionFilter;
import dev.foundation.test.TestPostgres;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Latency of tenant resolution with a warm cache, sampled per operation
 * ({@code Mode.SampleTime}): the goal is a p99 under 1 ms.
 * <ul>
 * <li>{@code resolve}: {@link TenantResolution#resolve} alone, as configured by default
 * (claim resolver, header resolver, required paths {@code /api/**}, cache TTL 30 s) over
 * a {@link JdbcTenantDirectory} on PostgreSQL;</li>
 * <li>{@code filter}: the whole {@link TenantResolutionFilter} for an authenticated
 * request: a new {@link MockHttpServletRequest} per operation (the filter marks the
 * request it has seen), the security context's principal, resolution, the request
 * attributes and the request context with the tenant, then the (empty) chain.</li>
 * </ul>
 * {@code source}: {@code claim} names the tenant by the token's tenant id (a UUID),
 * {@code header} by {@code X-Tenant-Id} (a slug) for a token without one. The cache is
 * filled in setup; its entries expire after the default 30 s like in a service (a trial
 * is shorter); directory lookups after setup are counted and printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@LatencyGoal(percentile = 99, micros = 1000)
public class TenantResolutionBenchmark {

	private static final String ISSUER = "http://127.0.0.1/auth/v1";

	private static final String PATH = "/api/v1/notes";

	private static final String HEADER = "X-Tenant-Id";

	@Param({ "claim", "header" })
	public String source;

	private final AtomicInteger directoryLookups = new AtomicInteger();

	private @Nullable String database;

	private HikariDataSource pool;

	private TenantResolution resolution;

	private TenantResolutionFilter filter;

	private FoundationPrincipal principal;

	private TenantRequest request;

	private @Nullable String header;

	private RequestContext context;

	private UUID tenantId;

	private int lookupsBeforeMeasuring;

	private final FilterChain chain = (request, response) -> {
	};

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		TestPostgres postgres = TestPostgres.shared();
		this.database = postgres.createDatabase("bench_resolution");
		new FoundationSchemaMigration(postgres.dataSource(this.database), "foundation", "foundation_schema_history",
				"classpath:db/foundation")
			.afterPropertiesSet();
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(postgres.jdbcUrl(this.database));
		this.pool.setUsername(postgres.username());
		this.pool.setPassword(postgres.password());
		this.pool.setMaximumPoolSize(2);
		TenantDirectory directory = counting(new JdbcTenantDirectory(JdbcClient.create(this.pool),
				new DataSourceTransactionManager(this.pool), "foundation", List.of()));
		String user = UUID.randomUUID().toString();
		Tenant tenant = directory.create("bench-" + UUID.randomUUID().toString().substring(0, 8), "Bench",
				new UserIdentity(ISSUER, user));
		this.tenantId = tenant.id();
		// What TenantResolutionAutoConfiguration builds with the default properties.
		this.resolution = new TenantResolution(
				List.of(new ClaimTenantResolver(100), new HeaderTenantResolver(HEADER, 200)), directory,
				new TenantRequiredPaths(List.of("/api/**"), List.of("/api/v1/public/**", "/api/v1/me")), false,
				new TenantResolutionCache(
						new TieredCaches(null, "bench:", Duration.ofSeconds(30),
								new JacksonCacheValueCodec(List.of("dev.foundation")), CacheMeters.NONE,
								(name, defaults) -> defaults),
						new CacheSettings(Duration.ofMinutes(5), false, 10_000, Duration.ofSeconds(30), false)));
		this.filter = new TenantResolutionFilter(this.resolution, null);
		boolean claim = this.source.equals("claim");
		this.principal = new FoundationPrincipal(user, AuthProvider.SUPABASE, ISSUER, null,
				claim ? tenant.id().toString() : null, Set.of("member"), null, Map.of("sub", user));
		this.header = claim ? null : tenant.slug();
		this.request = new BenchmarkTenantRequest(this.header);
		this.context = RequestContext.detached().withUserId(user);
		authenticate();
		// Fills the cache and checks both paths end with the tenant.
		if (!this.tenantId.equals(resolve().map((resolved) -> resolved.tenant().id()).orElse(null))
				|| !this.tenantId.equals(((Tenant) filter()).id())) {
			throw new IllegalStateException("The tenant was not resolved");
		}
		this.lookupsBeforeMeasuring = this.directoryLookups.get();
	}

	// The security context is thread-local, and JMH may run trial setup on another thread
	// than the benchmark.
	@Setup(Level.Iteration)
	public void authenticate() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(this.principal, null, List.of()));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		System.out.println("Directory lookups after the cache was filled (entries live 30 s): "
				+ (this.directoryLookups.get() - this.lookupsBeforeMeasuring));
		SecurityContextHolder.clearContext();
		this.pool.close();
		if (this.database != null) {
			TestPostgres.shared().dropDatabase(this.database);
		}
	}

	@Benchmark
	public Optional<ResolvedTenant> resolve() {
		return this.resolution.resolve(this.request, this.principal);
	}

	@Benchmark
	public @Nullable Object filter() throws ServletException, IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", PATH);
		if (this.header != null) {
			request.addHeader(HEADER, this.header);
		}
		try (RequestContexts.Scope scope = RequestContexts.bind(this.context)) {
			this.filter.doFilter(request, new MockHttpServletResponse(), this.chain);
		}
		return request.getAttribute(CurrentTenant.TENANT_ATTRIBUTE);
	}

	private TenantDirectory counting(TenantDirectory directory) {
		return (TenantDirectory) Proxy.newProxyInstance(TenantDirectory.class.getClassLoader(),
				new Class<?>[] { TenantDirectory.class }, (proxy, method, args) -> {
					this.directoryLookups.incrementAndGet();
					try {
						return method.invoke(directory, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/**
	 * What the filter's servlet request adapter answers for {@code GET /api/v1/notes} on
	 * localhost.
	 */
	private record BenchmarkTenantRequest(@Nullable String tenantHeader) implements TenantRequest {

		@Override
		public @Nullable String header(String name) {
			return HEADER.equalsIgnoreCase(name) ? this.tenantHeader : null;
		}

		@Override
		public @Nullable String parameter(String name) {
			return null;
		}

		@Override
		public String host() {
			return "localhost";
		}

		@Override
		public String path() {
			return PATH;
		}

	}

}
