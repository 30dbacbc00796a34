package dev.foundation.tenancy.resolution.redis;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.resolution.TenantResolutionCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;

/**
 * Drops this instance's in-process copies of what another instance changed, on messages
 * of the channel {@code <prefix>invalidations}: {@code tenant|<id>} or
 * {@code membership|<tenant id>|<user id>}. Other messages are ignored (and logged at
 * {@code DEBUG}): the channel is not a way in.
 * <p>
 * Messages sent while this instance was not subscribed are lost, so each (re)subscription
 * drops every in-process entry of this instance: what it cached meanwhile may have
 * changed.
 */
public final class RedisInvalidationListener implements MessageListener, SubscriptionListener {

	private static final Logger logger = LoggerFactory.getLogger(RedisInvalidationListener.class);

	private static final String TENANT = "tenant|";

	private static final String MEMBERSHIP = "membership|";

	private final TenantResolutionCache cache;

	/**
	 * Creates the listener.
	 * @param cache the cache of this instance
	 */
	public RedisInvalidationListener(TenantResolutionCache cache) {
		this.cache = cache;
	}

	static String tenantMessage(UUID tenantId) {
		return TENANT + tenantId;
	}

	static String membershipMessage(UUID tenantId, UserIdentity user) {
		return MEMBERSHIP + tenantId + "|" + RedisEntries.identity(user);
	}

	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		this.cache.clear();
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String body = new String(message.getBody(), StandardCharsets.UTF_8);
		try {
			if (body.startsWith(TENANT)) {
				this.cache.forgetTenant(UUID.fromString(body.substring(TENANT.length())));
				return;
			}
			if (body.startsWith(MEMBERSHIP)) {
				String[] fields = body.substring(MEMBERSHIP.length()).split("\\|", 2);
				if (fields.length == 2) {
					this.cache.forgetMembership(UUID.fromString(fields[0]), RedisEntries.identity(fields[1]));
					return;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// Falls through to the log below.
		}
		logger.debug("Ignored a message on the tenant cache channel that is no invalidation");
	}

}
