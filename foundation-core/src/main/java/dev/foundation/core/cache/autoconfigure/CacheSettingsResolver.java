package dev.foundation.core.cache.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.autoconfigure.FoundationCacheProperties.CacheProperties;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import org.jspecify.annotations.Nullable;

/**
 * A cache's settings: what {@code foundation.cache.caches.<name>} sets, else what the
 * code creating the cache gave, else the defaults. Checks every property up front, so a
 * bad value stops startup naming it.
 */
final class CacheSettingsResolver implements BiFunction<String, @Nullable CacheSettings, CacheSettings> {

	private static final String PREFIX = "foundation.cache.";

	private final FoundationCacheProperties properties;

	CacheSettingsResolver(FoundationCacheProperties properties) {
		this.properties = properties;
		validate(properties);
	}

	@Override
	public CacheSettings apply(String name, @Nullable CacheSettings defaults) {
		CacheProperties cache = this.properties.getCaches().get(name);
		Duration ttl = first((cache != null) ? cache.getTtl() : null, (defaults != null) ? defaults.ttl() : null,
				this.properties.getDefaultTtl());
		boolean redis = first((cache != null) ? cache.getRedis() : null, (defaults != null) ? defaults.redis() : null,
				Boolean.TRUE);
		long localMaxSize = first((cache != null) ? cache.getLocal().getMaxSize() : null,
				(defaults != null) ? defaults.localMaxSize() : null, this.properties.getLocal().getMaxSize());
		Duration localTtl = first((cache != null) ? cache.getLocal().getTtl() : null,
				(defaults != null) ? defaults.localTtl() : null, this.properties.getLocal().getTtl());
		boolean allowNullValues = first((cache != null) ? cache.getAllowNullValues() : null,
				(defaults != null) ? defaults.allowNullValues() : null, this.properties.isAllowNullValues());
		return new CacheSettings(ttl, redis, localMaxSize, localTtl, allowNullValues);
	}

	private static <T> T first(@Nullable T first, @Nullable T second, T fallback) {
		if (first != null) {
			return first;
		}
		return (second != null) ? second : fallback;
	}

	static void validate(FoundationCacheProperties properties) {
		String prefix = properties.getKeyPrefix();
		if (prefix == null || prefix.isBlank()
				|| prefix.chars().anyMatch((c) -> Character.isWhitespace(c) || c == '{' || c == '}')) {
			throw new InvalidFoundationPropertyException(PREFIX + "key-prefix",
					"must be a non-blank prefix without whitespace or braces (the braces hold the tenant's hash tag)",
					"set a prefix such as myapp:cache:");
		}
		positive(PREFIX + "default-ttl", properties.getDefaultTtl());
		positive(PREFIX + "version-refresh", properties.getVersionRefresh());
		positive(PREFIX + "local.ttl", properties.getLocal().getTtl());
		notNegative(PREFIX + "local.max-size", properties.getLocal().getMaxSize());
		for (Map.Entry<String, CacheProperties> entry : properties.getCaches().entrySet()) {
			String name = PREFIX + "caches." + entry.getKey() + ".";
			CacheProperties cache = entry.getValue();
			if (cache.getTtl() != null) {
				positive(name + "ttl", cache.getTtl());
			}
			if (cache.getLocal().getTtl() != null) {
				positive(name + "local.ttl", cache.getLocal().getTtl());
			}
			if (cache.getLocal().getMaxSize() != null) {
				notNegative(name + "local.max-size", cache.getLocal().getMaxSize());
			}
		}
	}

	private static void positive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidFoundationPropertyException(property, "must be a positive duration, but is " + value,
					"set a duration such as 10m or 30s");
		}
	}

	private static void notNegative(String property, long value) {
		if (value < 0) {
			throw new InvalidFoundationPropertyException(property, "must not be negative, but is " + value,
					"set a size such as 1000, or 0 to turn the in-process tier off");
		}
	}

}
