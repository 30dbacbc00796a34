package dev.foundation.core.cache.internal;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * This instance's copies of namespace versions, and the bumps.
 * <p>
 * With Redis, the version lives there (absent reads as 0) and a bump is one script:
 * {@code INCR} and {@code PUBLISH} of {@code b|<namespace>}. Every instance drops its
 * copy when it hears the message (see {@link CacheInvalidations}), when it
 * (re)subscribes, and when a copy is older than the refresh interval (a bound should a
 * message be lost). Without Redis, versions are this instance's own counters.
 * <p>
 * Why an epoch: a thread may read version 7 from Redis, then a bump's message drops the
 * copy, then the thread stores 7 and this instance would read the old entries until the
 * copy is refreshed. Every drop increments the epoch, and a copy read under an older
 * epoch is removed again right after it was stored (a store and a drop cannot interleave
 * unseen: the drop increments before it removes, the reader stores before it checks).
 * <p>
 * A bump Redis does not take is pending: retried at most once a second, and until it went
 * through the namespace has no known version here, so this instance neither reads the old
 * entries from Redis nor serves them from its local tier.
 */
final class NamespaceVersions {

	private static final long RETRY_INTERVAL = TimeUnit.SECONDS.toNanos(1);

	private final @Nullable CacheRedis redis;

	private final CacheKeys keys;

	private final long refreshNanos;

	private final Map<String, Known> known = new ConcurrentHashMap<>();

	private final AtomicLong epoch = new AtomicLong();

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final AtomicLong nextRetry = new AtomicLong(System.nanoTime());

	private final CopyOnWriteArrayList<Consumer<@Nullable String>> dropListeners = new CopyOnWriteArrayList<>();

	NamespaceVersions(@Nullable CacheRedis redis, CacheKeys keys, long refreshNanos) {
		this.redis = redis;
		this.keys = keys;
		this.refreshNanos = refreshNanos;
	}

	/**
	 * Registers what else a drop clears (the caches' local tiers): called with the
	 * namespace, or {@code null} for all.
	 */
	void onDrop(Consumer<@Nullable String> listener) {
		this.dropListeners.add(listener);
	}

	boolean hasRedis() {
		return this.redis != null;
	}

	@Nullable CacheRedis redis() {
		return this.redis;
	}

	/** Whether Redis may be used for this namespace now. */
	boolean redisUsable(String namespace) {
		CacheRedis redis = this.redis;
		return redis != null && !redis.paused() && !this.pending.contains(namespace) && retryPending();
	}

	/**
	 * The namespace's current version, or empty when it cannot be known now (Redis down
	 * and no copy here, or a bump of it pending).
	 */
	OptionalLong version(String namespace) {
		CacheRedis redis = this.redis;
		if (redis == null) {
			return OptionalLong.of(this.known.computeIfAbsent(namespace, (ns) -> new Known(0, Long.MAX_VALUE)).version);
		}
		if (!this.pending.isEmpty()) {
			retryPending();
			if (this.pending.contains(namespace)) {
				return OptionalLong.empty();
			}
		}
		Known current = this.known.get(namespace);
		long now = System.nanoTime();
		if (current != null && now - current.readAt < this.refreshNanos) {
			return OptionalLong.of(current.version);
		}
		if (redis.paused()) {
			return (current != null) ? OptionalLong.of(current.version) : OptionalLong.empty();
		}
		long seen = this.epoch.get();
		long version;
		try {
			version = redis.version(this.keys.versionKey(namespace));
		}
		catch (RuntimeException ex) {
			redis.outages().failed(CacheRedis.FEATURE, ex);
			return (current != null) ? OptionalLong.of(current.version) : OptionalLong.empty();
		}
		Known read = new Known(version, now);
		this.known.put(namespace, read);
		if (this.epoch.get() != seen) {
			this.known.remove(namespace, read);
		}
		return OptionalLong.of(version);
	}

	/**
	 * Bumps a namespace: in Redis (announced to every instance) or, without Redis, here.
	 * @return whether Redis took it (always {@code true} without Redis)
	 */
	boolean bump(String namespace) {
		CacheRedis redis = this.redis;
		if (redis == null) {
			this.known.compute(namespace, (ns, old) -> new Known((old != null) ? old.version + 1 : 1, Long.MAX_VALUE));
			notifyDrop(namespace);
			return true;
		}
		// Why not skipped while paused: a missed bump would serve stale entries; one try
		// is cheap.
		boolean sent;
		try {
			redis.bump(this.keys.versionKey(namespace), this.keys.channel(), CacheInvalidations.bumpMessage(namespace));
			this.pending.remove(namespace);
			sent = true;
		}
		catch (RuntimeException ex) {
			this.pending.add(namespace);
			redis.outages().failed(CacheRedis.FEATURE, ex);
			sent = false;
		}
		dropped(namespace);
		return sent;
	}

	/** Forgets the copy of a namespace's version (another instance bumped it). */
	void dropped(String namespace) {
		if (this.redis == null) {
			return;
		}
		this.epoch.incrementAndGet();
		this.known.remove(namespace);
		notifyDrop(namespace);
	}

	/**
	 * Forgets every copy (after a (re)subscription: messages may have been missed).
	 * Without Redis the versions are the only truth and stay.
	 */
	void droppedAll() {
		if (this.redis != null) {
			this.epoch.incrementAndGet();
			this.known.clear();
		}
		notifyDrop(null);
	}

	boolean hasPending() {
		return !this.pending.isEmpty();
	}

	private void notifyDrop(@Nullable String namespace) {
		for (Consumer<@Nullable String> listener : this.dropListeners) {
			listener.accept(namespace);
		}
	}

	/** Sends pending bumps again, at most once a second; whether none is left. */
	private boolean retryPending() {
		CacheRedis redis = this.redis;
		if (this.pending.isEmpty() || redis == null) {
			return true;
		}
		long now = System.nanoTime();
		long next = this.nextRetry.get();
		if (now - next < 0 || redis.paused() || !this.nextRetry.compareAndSet(next, now + RETRY_INTERVAL)) {
			return false;
		}
		for (String namespace : this.pending) {
			try {
				redis.bump(this.keys.versionKey(namespace), this.keys.channel(),
						CacheInvalidations.bumpMessage(namespace));
				this.pending.remove(namespace);
				dropped(namespace);
			}
			catch (RuntimeException ex) {
				redis.outages().failed(CacheRedis.FEATURE, ex);
				return false;
			}
		}
		return this.pending.isEmpty();
	}

	private record Known(long version, long readAt) {
	}

}
