package dev.foundation.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Describes one event; {@link #record()} appends it. Whatever is not set is taken from
 * the current request context when recorded: the actor (the authenticated user or API
 * key), the tenant, the correlation id, the client's address and user agent.
 *
 * <pre class="code">
 * audit.event("contact.update").resource("contact", id).detail("fields", List.of("name")).record();
 * </pre>
 */
public final class AuditEventBuilder {

	private final AuditLog log;

	private final String action;

	private @Nullable String resourceType;

	private @Nullable String resourceId;

	private AuditOutcome outcome = AuditOutcome.SUCCESS;

	private @Nullable String actorId;

	private @Nullable ActorKind actorKind;

	private @Nullable UUID tenantId;

	private boolean system;

	private @Nullable String correlationId;

	private WriteMode mode = WriteMode.AUTO;

	private final Map<String, @Nullable Object> details = new LinkedHashMap<>();

	private final Map<String, String> personalDetails = new LinkedHashMap<>();

	/**
	 * Creates a builder; use {@link AuditLog#event(String)}.
	 * @param log where {@link #record()} appends
	 * @param action what was done, dotted lowercase
	 */
	public AuditEventBuilder(AuditLog log, String action) {
		this.log = Objects.requireNonNull(log, "log");
		this.action = Objects.requireNonNull(action, "action");
	}

	/**
	 * Sets the resource acted on.
	 * @param type its kind ({@code contact})
	 * @param id its id
	 * @return this builder
	 */
	public AuditEventBuilder resource(String type, @Nullable Object id) {
		this.resourceType = type;
		this.resourceId = (id != null) ? id.toString() : null;
		return this;
	}

	/**
	 * Sets the outcome ({@link AuditOutcome#SUCCESS} by default).
	 * @param outcome the outcome
	 * @return this builder
	 */
	public AuditEventBuilder outcome(AuditOutcome outcome) {
		this.outcome = Objects.requireNonNull(outcome, "outcome");
		return this;
	}

	/**
	 * Marks the event as a failure caused by an exception: the outcome becomes
	 * {@link AuditOutcome#FAILURE} and the detail {@code error} the exception's class
	 * name (never its message, which may carry data).
	 * @param failure the exception
	 * @return this builder
	 */
	public AuditEventBuilder failure(Throwable failure) {
		this.outcome = AuditOutcome.FAILURE;
		this.details.put("error", failure.getClass().getName());
		return this;
	}

	/**
	 * Sets the actor instead of the request's.
	 * @param id the actor's id
	 * @param kind the actor's kind
	 * @return this builder
	 */
	public AuditEventBuilder actor(@Nullable String id, ActorKind kind) {
		this.actorId = id;
		this.actorKind = Objects.requireNonNull(kind, "kind");
		return this;
	}

	/**
	 * Sets the tenant instead of the request's.
	 * @param tenantId the tenant
	 * @return this builder
	 */
	public AuditEventBuilder tenant(UUID tenantId) {
		this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
		this.system = false;
		return this;
	}

	/**
	 * Makes this a system event: no tenant, readable only in the system scope.
	 * @return this builder
	 */
	public AuditEventBuilder system() {
		this.tenantId = null;
		this.system = true;
		return this;
	}

	/**
	 * Sets the correlation id instead of the request's.
	 * @param correlationId the id
	 * @return this builder
	 */
	public AuditEventBuilder correlationId(String correlationId) {
		this.correlationId = correlationId;
		return this;
	}

	/**
	 * Adds a detail. Values: strings, booleans, integers within ±(2^53 - 1),
	 * {@code null}, and maps (string keys) and lists of these; anything else is refused,
	 * so the stored form can be recomputed exactly (see docs/audit.md).
	 * @param key the key: letters, digits, {@code _ . : -}, at most 64 characters
	 * @param value the value
	 * @return this builder
	 */
	public AuditEventBuilder detail(String key, @Nullable Object value) {
		this.details.put(Objects.requireNonNull(key, "key"), value);
		return this;
	}

	/**
	 * Adds a detail that is personal data: it is stored encrypted with the tenant's key,
	 * or redacted when no encryption is configured ({@link AuditDetailProtector}), never
	 * in clear.
	 * @param key the key
	 * @param value the clear value
	 * @return this builder
	 */
	public AuditEventBuilder personalDetail(String key, String value) {
		this.personalDetails.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
		return this;
	}

	/**
	 * Chooses how the event is written ({@link WriteMode#AUTO} by default).
	 * @param mode the mode
	 * @return this builder
	 */
	public AuditEventBuilder mode(WriteMode mode) {
		this.mode = Objects.requireNonNull(mode, "mode");
		return this;
	}

	/**
	 * Records the event.
	 * @return the event's id
	 * @throws IllegalArgumentException if the event is invalid (e.g. oversized details)
	 * @throws AuditWriteException if it could not be recorded
	 */
	public UUID record() {
		return this.log.record(this);
	}

	/**
	 * Hands the event to the group-commit writer without waiting for its commit (see
	 * {@link AuditLog#submit(AuditEventBuilder)}).
	 * @return completes with the event's id once it is committed
	 * @throws IllegalArgumentException if the event is invalid (e.g. oversized details)
	 */
	public CompletableFuture<UUID> submit() {
		return this.log.submit(this);
	}

	public String action() {
		return this.action;
	}

	public @Nullable String resourceType() {
		return this.resourceType;
	}

	public @Nullable String resourceId() {
		return this.resourceId;
	}

	public AuditOutcome outcome() {
		return this.outcome;
	}

	public @Nullable String actorId() {
		return this.actorId;
	}

	public @Nullable ActorKind actorKind() {
		return this.actorKind;
	}

	public @Nullable UUID tenantId() {
		return this.tenantId;
	}

	public boolean isSystem() {
		return this.system;
	}

	public @Nullable String correlationId() {
		return this.correlationId;
	}

	public WriteMode mode() {
		return this.mode;
	}

	public Map<String, @Nullable Object> details() {
		return this.details;
	}

	public Map<String, String> personalDetails() {
		return this.personalDetails;
	}

}
