package dev.foundation.core.redis;

import java.time.Duration;
import java.util.function.Supplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

/**
 * The connection the foundation's Redis features share: string keys, byte values (what
 * Bucket4j's Lettuce backend expects), a short command timeout, opened on first use and
 * re-opened after a failed attempt, never at startup, so that an application starts while
 * Redis is down.
 * <p>
 * Lettuce multiplexes every command of every thread over this one connection and
 * reconnects it by itself; while it is disconnected, commands wait for at most the
 * command timeout.
 */
public final class FoundationRedis implements AutoCloseable {

	private final Supplier<RedisClient> client;

	private final Duration commandTimeout;

	private final RedisOutages outages;

	private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;

	/**
	 * Creates the holder.
	 * @param client supplies the Lettuce client to connect with (e.g. the native client
	 * of Spring Data's connection factory), called on first use
	 * @param commandTimeout how long a command may take before it fails
	 * @param outages the failure bookkeeping
	 */
	public FoundationRedis(Supplier<RedisClient> client, Duration commandTimeout, RedisOutages outages) {
		this.client = client;
		this.commandTimeout = commandTimeout;
		this.outages = outages;
	}

	/**
	 * Returns the shared connection, opening it if needed.
	 * @return the connection
	 * @throws RuntimeException if Redis cannot be reached (record it with
	 * {@link #outages()})
	 */
	public StatefulRedisConnection<String, byte[]> connection() {
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			current = this.connection;
			if (current == null) {
				current = this.client.get().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
				current.setTimeout(this.commandTimeout);
				this.connection = current;
			}
			return current;
		}
	}

	/**
	 * Opens a new publish/subscribe connection (Lettuce re-subscribes it after a
	 * reconnect).
	 * @return the connection; the caller closes it
	 */
	public StatefulRedisPubSubConnection<String, String> openPubSub() {
		StatefulRedisPubSubConnection<String, String> pubSub = this.client.get().connectPubSub();
		pubSub.setTimeout(this.commandTimeout);
		return pubSub;
	}

	/**
	 * Returns the failure bookkeeping shared by every feature.
	 * @return the outages
	 */
	public RedisOutages outages() {
		return this.outages;
	}

	/**
	 * Returns the command timeout.
	 * @return the timeout
	 */
	public Duration commandTimeout() {
		return this.commandTimeout;
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current != null) {
			current.close();
		}
	}

}
