package dev.foundation.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import dev.foundation.audit.ActorKind;
import dev.foundation.audit.AuditDetailProtector;
import dev.foundation.audit.AuditEvent;
import dev.foundation.audit.AuditEventBuilder;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditOutcome;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.WriteMode;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Completes events from the request context, validates them, and hands them to the writer
 * their {@link WriteMode} asks for.
 */
public final class DefaultAuditLog implements AuditLog {

	private static final Pattern ACTION = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

	private static final int MAX_ACTION = 100;

	private static final int MAX_TEXT = 1000;

	private final AuditTenantScope scope;

	private final AuditDetailProtector protector;

	private final TransactionalAuditWriter transactional;

	private final BatchingAuditWriter batched;

	private final int maxDetailsBytes;

	/**
	 * Creates the log.
	 * @param scope the tenant scope
	 * @param protector protects personal-data details
	 * @param transactional the writer into the caller's transaction
	 * @param batched the group-commit writer
	 * @param maxDetailsBytes the largest details object, in UTF-8 bytes
	 */
	public DefaultAuditLog(AuditTenantScope scope, AuditDetailProtector protector,
			TransactionalAuditWriter transactional, BatchingAuditWriter batched, int maxDetailsBytes) {
		this.scope = scope;
		this.protector = protector;
		this.transactional = transactional;
		this.batched = batched;
		this.maxDetailsBytes = maxDetailsBytes;
	}

	@Override
	public UUID record(AuditEventBuilder builder) {
		AuditEvent event = toEvent(builder);
		if (useTransaction(builder.mode(), event)) {
			this.transactional.write(event);
		}
		else {
			this.batched.write(event);
		}
		return event.id();
	}

	@Override
	public CompletableFuture<UUID> submit(AuditEventBuilder builder) {
		AuditEvent event = toEvent(builder);
		return this.batched.submit(event).thenApply((done) -> event.id());
	}

	private boolean useTransaction(WriteMode mode, AuditEvent event) {
		return switch (mode) {
			case TRANSACTIONAL -> true;
			case BATCHED -> false;
			// Failures and refusals get their own transaction: the caller's is likely to
			// roll back, and must not take them along.
			case AUTO -> event.outcome() == AuditOutcome.SUCCESS && TransactionalAuditWriter.canWrite()
					&& Objects.equals(event.tenantId(), this.scope.currentTenant().orElse(null));
		};
	}

	/**
	 * Completes and validates an event without writing it.
	 * @param builder the event
	 * @return the event
	 */
	public AuditEvent toEvent(AuditEventBuilder builder) {
		String action = builder.action();
		if (action.length() > MAX_ACTION || !ACTION.matcher(action).matches()) {
			throw new IllegalArgumentException("Audit action '" + action
					+ "' is not dotted lowercase (letters, digits, _ and -) of at most " + MAX_ACTION + " characters");
		}
		Optional<RequestContext> context = RequestContexts.find();
		UUID tenant = builder.isSystem() ? null
				: (builder.tenantId() != null) ? builder.tenantId() : this.scope.currentTenant().orElse(null);
		String actorId = builder.actorId();
		ActorKind actorKind = builder.actorKind();
		if (actorKind == null) {
			Actor actor = currentActor(context);
			actorId = actor.id();
			actorKind = actor.kind();
		}
		String correlationId = (builder.correlationId() != null) ? builder.correlationId()
				: context.map(RequestContext::correlationId).orElse(null);
		return new AuditEvent(Uuids.timeOrdered(), tenant, limited("actor_id", actorId), actorKind, action,
				limited("resource_type", builder.resourceType()), limited("resource_id", builder.resourceId()),
				builder.outcome(), limited("correlation_id", correlationId),
				limited("client_ip", context.map(RequestContext::clientIp).orElse(null)),
				limited("user_agent", context.map(RequestContext::userAgent).orElse(null)), details(tenant, builder));
	}

	private String details(@Nullable UUID tenant, AuditEventBuilder builder) {
		Map<String, @Nullable Object> all = new LinkedHashMap<>(builder.details());
		for (Map.Entry<String, String> personal : builder.personalDetails().entrySet()) {
			if (all.containsKey(personal.getKey())) {
				throw new IllegalArgumentException("Audit detail '" + personal.getKey() + "' is given twice");
			}
			all.put(personal.getKey(),
					this.protector.protect(tenant, "details." + personal.getKey(), personal.getValue()));
		}
		// Written in RFC 8785 form directly (CanonicalFormTests compares it with the
		// library's): the writer hashes it as it is.
		StringBuilder json = new StringBuilder(64);
		JsonText.appendObject(json, "", all, 0);
		String canonical = json.toString();
		int bytes = utf8Length(canonical);
		if (bytes > this.maxDetailsBytes) {
			throw new IllegalArgumentException("Audit details take " + bytes + " bytes, more than the "
					+ this.maxDetailsBytes + " allowed (foundation.audit.max-details-size); nothing was recorded");
		}
		return canonical;
	}

	private static int utf8Length(String text) {
		int bytes = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// Two bytes up to U+07FF, three for the rest of the BMP; a surrogate pair
				// (two chars) makes four.
				bytes += (c < 0x800) ? 1 : (Character.isSurrogate(c) ? 1 : 2);
			}
		}
		return bytes;
	}

	private static @Nullable String limited(String field, @Nullable String value) {
		if (value != null && value.length() > MAX_TEXT) {
			throw new IllegalArgumentException(
					"Audit field '" + field + "' is longer than " + MAX_TEXT + " characters; nothing was recorded");
		}
		if (value != null && value.indexOf(0) >= 0) {
			throw new IllegalArgumentException("Audit field '" + field + "' contains a NUL character");
		}
		return value;
	}

	private static Actor currentActor(Optional<RequestContext> context) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof FoundationPrincipal principal) {
			return new Actor(principal.userId(),
					(principal.provider() == AuthProvider.API_KEY) ? ActorKind.API_KEY : ActorKind.USER);
		}
		String userId = context.map(RequestContext::userId).orElse(null);
		if (userId != null) {
			return new Actor(userId, ActorKind.USER);
		}
		// A request without a user is an anonymous caller; work outside requests is the
		// system's.
		return context.isPresent() ? new Actor(null, ActorKind.ANONYMOUS) : new Actor(null, ActorKind.SYSTEM);
	}

	private record Actor(@Nullable String id, ActorKind kind) {
	}

}
