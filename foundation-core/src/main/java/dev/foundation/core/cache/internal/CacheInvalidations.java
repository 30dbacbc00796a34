package dev.foundation.core.cache.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.foundation.core.redis.FoundationRedis;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * This instance's subscription to the cache's channel ({@code <prefix>invalidations}):
 * {@code b|<namespace>} drops the copy of a bumped namespace's version (and its local
 * entries), {@code e|<entry key>} drops one local entry. Other messages are ignored: the
 * channel is not a way in.
 * <p>
 * Messages sent while this instance was not subscribed are lost, so every
 * (re)subscription drops every copy and local entry. The first subscription is tried at
 * startup and, while Redis is down, again every few seconds (startup never waits for
 * Redis); once subscribed, Lettuce reconnects and re-subscribes by itself.
 */
public final class CacheInvalidations implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CacheInvalidations.class);

	private static final String BUMP = "b|";

	private static final String EVICT = "e|";

	private static final long RETRY_SECONDS = 5;

	private final FoundationRedis redis;

	private final String channel;

	private final NamespaceVersions versions;

	private final Consumer<String> evicted;

	private volatile @Nullable ScheduledExecutorService retries;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;

	private volatile boolean running;

	private boolean warned;

	CacheInvalidations(FoundationRedis redis, String channel, NamespaceVersions versions, Consumer<String> evicted) {
		this.redis = redis;
		this.channel = channel;
		this.versions = versions;
		this.evicted = evicted;
	}

	static String bumpMessage(String namespace) {
		return BUMP + namespace;
	}

	static String evictMessage(String entryKey) {
		return EVICT + entryKey;
	}

	void onMessage(String message) {
		if (message.startsWith(BUMP) && message.length() > BUMP.length()) {
			this.versions.dropped(message.substring(BUMP.length()));
		}
		else if (message.startsWith(EVICT) && message.length() > EVICT.length()) {
			this.evicted.accept(message.substring(EVICT.length()));
		}
		else {
			logger.debug("Ignored a message on the cache channel that is no invalidation");
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.retries = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cache-invalidations");
			thread.setDaemon(true);
			return thread;
		});
		subscribe();
	}

	private synchronized void subscribe() {
		ScheduledExecutorService retries = this.retries;
		if (!this.running || retries == null) {
			return;
		}
		StatefulRedisPubSubConnection<String, String> pubSub = null;
		try {
			pubSub = this.redis.openPubSub();
			pubSub.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, String message) {
					onMessage(message);
				}

				@Override
				public void subscribed(String channel, long count) {
					CacheInvalidations.this.versions.droppedAll();
				}

			});
			pubSub.sync().subscribe(this.channel);
			this.connection = pubSub;
			this.versions.droppedAll();
			if (this.warned) {
				logger.info("Subscribed to {} at last: bumps made by other instances are seen at once again",
						this.channel);
			}
		}
		catch (RuntimeException ex) {
			if (pubSub != null) {
				pubSub.closeAsync();
			}
			if (!this.warned) {
				this.warned = true;
				logger.warn(
						"Cannot subscribe to {} ({}); trying again every {}s. Meanwhile bumps made by other "
								+ "instances are seen here when the copies of their versions are refreshed",
						this.channel, ex.toString(), RETRY_SECONDS);
			}
			retries.schedule(this::subscribe, RETRY_SECONDS, TimeUnit.SECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		ScheduledExecutorService retries = this.retries;
		if (retries != null) {
			retries.shutdownNow();
		}
		StatefulRedisPubSubConnection<String, String> pubSub = this.connection;
		if (pubSub != null) {
			pubSub.close();
			this.connection = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
