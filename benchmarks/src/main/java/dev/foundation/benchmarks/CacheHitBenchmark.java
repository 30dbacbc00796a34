package dev.foundation.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.foundation.core.cache.CacheScope;
import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.FoundationCache;
import dev.foundation.core.cache.internal.CacheMeters;
import dev.foundation.core.cache.internal.JacksonCacheValueCodec;
import dev.foundation.core.cache.internal.TieredCaches;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import io.lettuce.core.RedisClient;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.cache.Cache;

/**
 * A cache hit as {@code @Cacheable} makes it ({@link Cache#get(Object)} with the tenant
 * bound to the request context), from the in-process tier and from the Redis tier,
 * against a plain {@link ConcurrentHashMap} lookup and a bare Lettuce {@code GET} of the
 * same entry, in the same run ({@link CacheHitReport} prints the ratios). Redis from
 * {@code FOUNDATION_TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheHitBenchmark {

	private static final String KEY = "settings";

	private final Map<String, Object> map = new ConcurrentHashMap<>();

	private @Nullable RedisClient client;

	private @Nullable FoundationRedis redis;

	private @Nullable TieredCaches caches;

	private Cache localTier;

	private Cache redisTier;

	private String rawKey;

	private RequestContexts.Scope bound;

	@Setup(Level.Trial)
	public void setUp() {
		String url = System.getenv().getOrDefault("FOUNDATION_TEST_REDIS_URL", "redis://127.0.0.1:6379");
		this.client = RedisClient.create(url);
		RedisClient redisClient = this.client;
		this.redis = new FoundationRedis(() -> redisClient, Duration.ofMillis(500),
				new RedisOutages(Duration.ofSeconds(2), (feature) -> {
				}, Clock.systemUTC()));
		String prefix = "bench:" + UUID.randomUUID() + ":";
		this.caches = new TieredCaches(this.redis, prefix, Duration.ofSeconds(30),
				new JacksonCacheValueCodec(List.of("dev.foundation")), CacheMeters.NONE, (name, defaults) -> defaults);
		this.caches.start();
		FoundationCache local = this.caches.cache("local",
				new CacheSettings(Duration.ofMinutes(10), true, 1000, Duration.ofMinutes(10), true));
		FoundationCache shared = this.caches.cache("redis",
				new CacheSettings(Duration.ofMinutes(10), true, 0, Duration.ofMinutes(10), true));
		this.localTier = local;
		this.redisTier = shared;
		this.bound = RequestContexts.bind(RequestContext.detached().withTenantId("bench-tenant"));
		Setting value = new Setting("theme", "dark", 42);
		this.map.put(KEY, value);
		local.put(KEY, value);
		shared.put(KEY, value);
		this.rawKey = prefix + "raw";
		this.redis.connection().sync().set(this.rawKey, new byte[64]);
		if (this.localTier.get(KEY) == null || this.redisTier.get(KEY) == null) {
			throw new IllegalStateException(
					"The cache did not keep the benchmark's entry (is Redis up at " + url + "?)");
		}
		this.caches.cache("redis").bump(CacheScope.tenant("warm-up"));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.bound.close();
		if (this.caches != null) {
			this.caches.stop();
		}
		if (this.redis != null) {
			this.redis.connection().sync().del(this.rawKey);
			this.redis.close();
		}
		if (this.client != null) {
			this.client.shutdown();
		}
	}

	/** The baseline: a lookup in a map in this JVM. */
	@Benchmark
	public @Nullable Object baselineMapHit() {
		return this.map.get(KEY);
	}

	/**
	 * A hit in the in-process (Caffeine) tier, versioned key and tenant scope included.
	 */
	@Benchmark
	public Cache.@Nullable ValueWrapper localTierHit() {
		return this.localTier.get(KEY);
	}

	/** A hit in Redis: one GET and the JSON read of the value. */
	@Benchmark
	public Cache.@Nullable ValueWrapper redisTierHit() {
		return this.redisTier.get(KEY);
	}

	/** The Redis baseline: a bare GET of 64 bytes on the same connection. */
	@Benchmark
	public byte @Nullable [] redisRawGet() {
		FoundationRedis redis = this.redis;
		return (redis != null) ? redis.connection().sync().get(this.rawKey) : null;
	}

	/** The cached value: a small record, as a settings lookup would return. */
	public record Setting(String name, String value, long version) {
	}

}
