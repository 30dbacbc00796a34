package dev.foundation.tenancy.resolution.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.resolution.SharedTenantCache;
import dev.foundation.tenancy.resolution.TenantCandidate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The tenant cache tier in Redis, shared by every instance using the same key prefix.
 * <p>
 * Keys: {@code <prefix>tenant:<id>} holds the tenant; {@code <prefix>tenant-slug:<slug>}
 * and {@code <prefix>tenant-ext:<issuer and external id, encoded>} hold only the id they
 * stand for, so dropping the one tenant key invalidates the tenant however it is named (a
 * slug alias is trusted only if the tenant it leads to still has that slug);
 * {@code <prefix>membership:<tenant id>:<user id>} holds a membership;
 * {@code <prefix>epoch} counts invalidations. Entries expire after the configured time.
 * On Redis Cluster, the prefix must carry a hash tag (e.g. {@code {foundation-tenancy}:})
 * because the scripts touch several keys.
 * <p>
 * Why the epoch: an instance may read a tenant from the database just before a change
 * commits and write it to Redis just after the change dropped it, and every instance
 * would then serve the old value until it expired. So each invalidation increments the
 * epoch while it deletes the entry (one script), and a value loaded from the database is
 * written only if the epoch is still the one seen before the load (one script). An
 * invalidation is also published on {@code <prefix>invalidations} (see
 * {@link RedisInvalidationListener}) so that the other instances drop their in-process
 * copies.
 * <p>
 * Redis failures never fail a request: the lookup goes to the database and nothing is
 * written (see {@link RedisFailures}). An invalidation Redis did not take is retried (at
 * most once a second) and, until it went through, this instance reads nothing from Redis,
 * which may still hold the old entry.
 */
public final class RedisTenantCache implements SharedTenantCache {

	private static final long RETRY_INTERVAL = TimeUnit.SECONDS.toNanos(1);

	// KEYS: epoch, entry[, alias]; ARGV: epoch seen ('' for none), entry, ttl in ms[,
	// alias value].
	private static final RedisScript<Long> SAVE = new DefaultRedisScript<>("""
			if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
			redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
			if KEYS[3] then redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[3]) end
			return 1""", Long.class);

	// KEYS: epoch, entry; ARGV: channel ('' to publish nothing), message. One round trip
	// for all three.
	private static final RedisScript<Long> INVALIDATE = new DefaultRedisScript<>("""
			redis.call('INCR', KEYS[1])
			local deleted = redis.call('DEL', KEYS[2])
			if ARGV[1] ~= '' then redis.call('PUBLISH', ARGV[1], ARGV[2]) end
			return deleted""", Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	private final String epochKey;

	private final String ttlMillis;

	private final boolean broadcast;

	private final RedisFailures failures;

	/** Invalidations Redis did not take (entry key → message), retried until it does. */
	private final Map<String, String> pending = new ConcurrentHashMap<>();

	private final AtomicLong nextRetry = new AtomicLong();

	/**
	 * Creates the tier.
	 * @param redis the template of the application's Redis
	 * @param keyPrefix prefix of every key and of the channel
	 * @param ttl how long an entry is kept
	 * @param broadcast whether invalidations are published to the other instances
	 * @param failureCounter counts a failure by operation ({@code read}, {@code write},
	 * {@code invalidate}, the last including the broadcast)
	 */
	public RedisTenantCache(StringRedisTemplate redis, String keyPrefix, Duration ttl, boolean broadcast,
			Consumer<String> failureCounter) {
		this.redis = redis;
		this.prefix = keyPrefix;
		this.epochKey = keyPrefix + "epoch";
		this.ttlMillis = Long.toString(ttl.toMillis());
		this.broadcast = broadcast;
		this.failures = new RedisFailures(failureCounter, Clock.systemUTC());
	}

	/**
	 * Returns the channel invalidations are published on.
	 * @param keyPrefix the key prefix
	 * @return {@code <prefix>invalidations}
	 */
	public static String channel(String keyPrefix) {
		return keyPrefix + "invalidations";
	}

	@Override
	public Optional<Tenant> tenant(TenantCandidate candidate, Supplier<Optional<Tenant>> directory) {
		String alias = aliasKey(candidate);
		Cached<Tenant> cached = read(() -> (alias != null) ? byAlias(candidate, alias) : byId(candidate));
		if (cached.value() != null) {
			return Optional.of(cached.value());
		}
		Optional<Tenant> found = directory.get();
		found.ifPresent((tenant) -> save(cached, tenantKey(tenant.id()), RedisEntries.tenant(tenant), alias,
				tenant.id().toString()));
		return found;
	}

	private Cached<Tenant> byId(TenantCandidate candidate) {
		UUID id = UUID.fromString(candidate.value());
		List<@Nullable String> values = values(tenantKey(id), this.epochKey);
		return new Cached<>(
				parse(values.get(0), RedisEntries::tenant).filter((tenant) -> tenant.id().equals(id)).orElse(null),
				values.get(1));
	}

	private Cached<Tenant> byAlias(TenantCandidate candidate, String alias) {
		List<@Nullable String> values = values(alias, this.epochKey);
		String id = values.get(0);
		if (id == null) {
			return new Cached<>(null, values.get(1));
		}
		UUID tenantId = UUID.fromString(id);
		Tenant tenant = parse(this.redis.opsForValue().get(tenantKey(tenantId)), RedisEntries::tenant)
			.filter((found) -> found.id().equals(tenantId))
			// A slug may have moved to another tenant since the alias was written: then
			// the directory decides.
			.filter((found) -> candidate.kind() != TenantCandidate.Kind.SLUG || found.slug().equals(candidate.value()))
			.orElse(null);
		return new Cached<>(tenant, values.get(1));
	}

	@Override
	public Optional<Membership> membership(UUID tenantId, UserIdentity user, Supplier<Optional<Membership>> directory) {
		String key = membershipKey(tenantId, user);
		Cached<Membership> cached = read(() -> {
			List<@Nullable String> values = values(key, this.epochKey);
			return new Cached<>(parse(values.get(0), RedisEntries::membership)
				.filter((membership) -> membership.tenantId().equals(tenantId) && membership.user().equals(user))
				.orElse(null), values.get(1));
		});
		if (cached.value() != null) {
			return Optional.of(cached.value());
		}
		Optional<Membership> found = directory.get();
		found.ifPresent((membership) -> save(cached, key, RedisEntries.membership(membership), null, null));
		return found;
	}

	@Override
	public void invalidateTenant(UUID tenantId) {
		invalidate(tenantKey(tenantId), RedisInvalidationListener.tenantMessage(tenantId));
	}

	@Override
	public void invalidateMembership(UUID tenantId, UserIdentity user) {
		invalidate(membershipKey(tenantId, user), RedisInvalidationListener.membershipMessage(tenantId, user));
	}

	private void invalidate(String key, String message) {
		// Why not skipped while paused: a missed invalidation would serve a suspended
		// tenant; one try is cheap.
		try {
			send(key, message);
			this.pending.remove(key);
		}
		catch (RuntimeException ex) {
			// Redis may still hold the old entry, and the other instances did not hear of
			// the change. Until Redis
			// takes the invalidation this instance reads nothing from it (see read) and
			// retries, at most once a
			// second, so a revoked member or a suspended tenant is not served from Redis
			// for the entry's lifetime.
			this.pending.put(key, message);
			this.failures.failed("invalidate", ex);
		}
	}

	private void send(String key, String message) {
		this.redis.execute(INVALIDATE, List.of(this.epochKey, key), this.broadcast ? channel(this.prefix) : "",
				message);
	}

	/**
	 * Returns whether invalidations are still waiting for Redis; while they are, Redis is
	 * not read or written.
	 * @return whether some are pending
	 */
	public boolean hasPendingInvalidations() {
		return !this.pending.isEmpty();
	}

	/**
	 * Sends the pending invalidations again, at most once a second; returns whether none
	 * is left.
	 */
	private boolean retryPending() {
		if (this.pending.isEmpty()) {
			return true;
		}
		long now = System.nanoTime();
		long next = this.nextRetry.get();
		if (now - next < 0 || !this.nextRetry.compareAndSet(next, now + RETRY_INTERVAL)) {
			return false;
		}
		for (Map.Entry<String, String> invalidation : this.pending.entrySet()) {
			try {
				send(invalidation.getKey(), invalidation.getValue());
				this.pending.remove(invalidation.getKey(), invalidation.getValue());
			}
			catch (RuntimeException ex) {
				this.failures.failed("invalidate", ex);
				return false;
			}
		}
		return this.pending.isEmpty();
	}

	private List<@Nullable String> values(String key, String epoch) {
		List<@Nullable String> values = this.redis.opsForValue().multiGet(List.of(key, epoch));
		if (values == null || values.size() != 2) {
			throw new IllegalStateException("MGET answered " + values);
		}
		return values;
	}

	private static <T> Optional<T> parse(@Nullable String entry, Function<String, Optional<T>> parser) {
		return (entry != null) ? parser.apply(entry) : Optional.empty();
	}

	private <T> Cached<T> read(Supplier<Cached<T>> lookup) {
		if (!retryPending() || this.failures.paused()) {
			return Cached.unavailable();
		}
		try {
			return lookup.get();
		}
		catch (IllegalArgumentException ex) {
			// A malformed id in a candidate or an alias: a miss, but no write either.
			return Cached.unavailable();
		}
		catch (RuntimeException ex) {
			this.failures.failed("read", ex);
			return Cached.unavailable();
		}
	}

	private void save(Cached<?> seen, String key, String entry, @Nullable String alias, @Nullable String aliasValue) {
		if (!seen.available() || this.failures.paused()) {
			return;
		}
		List<String> keys = new ArrayList<>(List.of(this.epochKey, key));
		List<String> args = new ArrayList<>(List.of(String.valueOf(seen.epoch()), entry, this.ttlMillis));
		if (alias != null && aliasValue != null) {
			keys.add(alias);
			args.add(aliasValue);
		}
		try {
			this.redis.execute(SAVE, keys, args.toArray());
		}
		catch (RuntimeException ex) {
			this.failures.failed("write", ex);
		}
	}

	private String tenantKey(UUID id) {
		return this.prefix + "tenant:" + id;
	}

	private @Nullable String aliasKey(TenantCandidate candidate) {
		return switch (candidate.kind()) {
			case ID -> null;
			case SLUG -> this.prefix + "tenant-slug:" + candidate.value();
			case EXTERNAL_ID -> this.prefix + "tenant-ext:"
					+ RedisEntries.identity(new UserIdentity(String.valueOf(candidate.issuer()), candidate.value()));
		};
	}

	private String membershipKey(UUID tenantId, UserIdentity user) {
		return this.prefix + "membership:" + tenantId + ":" + RedisEntries.identity(user);
	}

	/**
	 * What Redis answered: the value if it held a readable one, and the epoch seen (empty
	 * when none was set yet); unavailable when Redis was not asked or failed, so nothing
	 * is written.
	 */
	private record Cached<T>(@Nullable T value, @Nullable String epoch, boolean available) {

		Cached(@Nullable T value, @Nullable String epoch) {
			this(value, (epoch != null) ? epoch : "", true);
		}

		static <T> Cached<T> unavailable() {
			return new Cached<>(null, null, false);
		}

	}

}
