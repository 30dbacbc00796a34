package dev.foundation.core.cache.internal;

import java.nio.charset.StandardCharsets;

import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

/**
 * The cache's Redis commands, on the foundation's shared connection (short command
 * timeout). Each method throws when Redis fails; callers record it in {@link #outages()}.
 */
final class CacheRedis {

	static final String FEATURE = "cache";

	// KEYS: version; ARGV: channel, message. The INCR and its announcement in one round
	// trip.
	private static final String BUMP = """
			local version = redis.call('INCR', KEYS[1])
			redis.call('PUBLISH', ARGV[1], ARGV[2])
			return version""";

	// KEYS: entry; ARGV: channel, message.
	private static final String EVICT = """
			redis.call('DEL', KEYS[1])
			redis.call('PUBLISH', ARGV[1], ARGV[2])
			return 1""";

	private final FoundationRedis redis;

	CacheRedis(FoundationRedis redis) {
		this.redis = redis;
	}

	RedisOutages outages() {
		return this.redis.outages();
	}

	/** Whether Redis should be skipped now because it failed a moment ago. */
	boolean paused() {
		return this.redis.outages().paused();
	}

	FoundationRedis connection() {
		return this.redis;
	}

	byte @Nullable [] get(String key) {
		return commands().get(key);
	}

	void set(String key, byte[] value, long ttlMillis) {
		commands().set(key, value, SetArgs.Builder.px(ttlMillis));
	}

	long version(String versionKey) {
		byte[] value = commands().get(versionKey);
		return (value != null) ? Long.parseLong(new String(value, StandardCharsets.US_ASCII)) : 0;
	}

	long bump(String versionKey, String channel, String message) {
		Long version = commands().eval(BUMP, ScriptOutputType.INTEGER, new String[] { versionKey }, bytes(channel),
				bytes(message));
		return (version != null) ? version : 0;
	}

	void evict(String entryKey, String channel, String message) {
		commands().eval(EVICT, ScriptOutputType.INTEGER, new String[] { entryKey }, bytes(channel), bytes(message));
	}

	private RedisCommands<String, byte[]> commands() {
		return this.redis.connection().sync();
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
