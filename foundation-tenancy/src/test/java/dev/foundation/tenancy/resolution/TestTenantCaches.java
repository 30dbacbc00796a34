package dev.foundation.tenancy.resolution;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.CacheValueCodec;
import dev.foundation.core.cache.internal.CacheMeters;
import dev.foundation.core.cache.internal.TieredCaches;
import org.jspecify.annotations.Nullable;

/**
 * The tenant cache on in-process caches only (what an application without Redis gets).
 */
final class TestTenantCaches {

	private TestTenantCaches() {
	}

	static TenantResolutionCache inProcess(Duration ttl, Ticker ticker) {
		TieredCaches caches = new TieredCaches(null, "test:", Duration.ofSeconds(30), new NoCodec(), CacheMeters.NONE,
				(name, defaults) -> defaults, ticker);
		boolean local = !ttl.isZero();
		return new TenantResolutionCache(caches, new CacheSettings(Duration.ofMinutes(5), false, local ? 10_000 : 0,
				local ? ttl : Duration.ofSeconds(1), false));
	}

	static TenantResolutionCache inProcess(Duration ttl) {
		return inProcess(ttl, Ticker.systemTicker());
	}

	private static final class NoCodec implements CacheValueCodec {

		@Override
		public byte[] encode(@Nullable Object value) {
			throw new UnsupportedOperationException();
		}

		@Override
		public @Nullable Object decode(byte[] bytes) {
			throw new UnsupportedOperationException();
		}

	}

}
