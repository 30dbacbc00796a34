package dev.foundation.tenancy.resolution.redis;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.foundation.tenancy.resolution.TenantResolutionCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This instance's subscription to the invalidation channel, for as long as the
 * application runs.
 * <p>
 * Why not a bare {@link RedisMessageListenerContainer} bean: its first subscription fails
 * the application's startup when Redis is down, while the cache must keep the application
 * independent of Redis. This subscription tries at startup, and on failure logs a
 * {@code WARN} and tries again every few seconds; once subscribed, the container itself
 * recovers from lost connections.
 */
public final class RedisInvalidationSubscription implements SmartLifecycle, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RedisInvalidationSubscription.class);

	private static final long RETRY_SECONDS = 5;

	private final RedisMessageListenerContainer container;

	private final String channel;

	private volatile @Nullable ScheduledExecutorService retries;

	private volatile boolean running;

	private boolean warned;

	/**
	 * Creates the subscription.
	 * @param connectionFactory the application's Redis
	 * @param channel the channel ({@link RedisTenantCache#channel})
	 * @param cache the cache whose in-process entries the messages drop
	 */
	public RedisInvalidationSubscription(RedisConnectionFactory connectionFactory, String channel,
			TenantResolutionCache cache) {
		this.channel = channel;
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(connectionFactory);
		this.container.addMessageListener(new RedisInvalidationListener(cache), new ChannelTopic(channel));
		this.container.afterPropertiesSet();
	}

	@Override
	public void start() {
		this.running = true;
		this.retries = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "tenant-cache-invalidations");
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
		try {
			this.container.start();
			if (this.warned) {
				logger.info("Subscribed to {} at last: changes made by other instances are seen at once again",
						this.channel);
			}
		}
		catch (RuntimeException ex) {
			// Resets the container, so that the next start tries again.
			this.container.stop();
			if (!this.warned) {
				this.warned = true;
				logger.warn(
						"Cannot subscribe to {} ({}); trying again every {}s. Meanwhile changes made by other "
								+ "instances are seen here when cached entries expire",
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
		this.container.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Releases the listener container's resources (it is not a bean of its own, so
	 * nothing else would).
	 */
	@Override
	public void destroy() throws Exception {
		this.container.destroy();
	}

}
