package dev.foundation.tenancy.persistence;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenant whose data the current thread may see and write.
 * <p>
 * In a request it is the tenant of the bound {@link RequestContext} (set once tenancy
 * resolved it). Work outside a request names its tenant explicitly with
 * {@link #run(UUID, Runnable)} or {@link #call(UUID, Supplier)}. Work that must cross
 * tenants (migrations, admin jobs) enters the {@linkplain #runAsSystem(String, Runnable)
 * system scope}, which is logged with its reason and the calling user. Without any of
 * these there is no tenant, and tenant-owned data is invisible and cannot be written
 * (fail closed).
 * <p>
 * The tenant is bound to the database when a transaction begins, so a scope must be
 * entered <em>before</em> the transaction: changing the tenant inside a running
 * transaction is refused.
 */
public final class TenantScope {

	private static final Logger logger = LoggerFactory.getLogger(TenantScope.class);

	private static final ThreadLocal<@Nullable String> SYSTEM_REASON = new ThreadLocal<>();

	private TenantScope() {
	}

	/**
	 * Returns the current tenant for data access.
	 * @return the tenant, or empty in the system scope, when no tenant is bound, or when
	 * the bound tenant id is not a UUID
	 */
	public static Optional<UUID> currentTenant() {
		if (isSystem()) {
			return Optional.empty();
		}
		return RequestContexts.find().map(RequestContext::tenantId).flatMap(TenantScope::parse);
	}

	/**
	 * Returns whether the current thread runs in the system scope, which sees every
	 * tenant's data.
	 * @return whether in the system scope
	 */
	public static boolean isSystem() {
		return SYSTEM_REASON.get() != null;
	}

	/**
	 * Runs work as the given tenant, e.g. a scheduled job or a message listener working
	 * for one tenant.
	 * @param tenantId the tenant
	 * @param work the work, which opens its own transactions
	 */
	public static void run(UUID tenantId, Runnable work) {
		Objects.requireNonNull(work, "work");
		call(tenantId, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Runs work as the given tenant and returns its result.
	 * @param tenantId the tenant
	 * @param work the work, which opens its own transactions
	 * @param <T> the result type
	 * @return the work's result
	 */
	public static <T extends @Nullable Object> T call(UUID tenantId, Supplier<T> work) {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(work, "work");
		if (!isSystem() && currentTenant().filter(tenantId::equals).isPresent()) {
			return work.get();
		}
		refuseInsideTransaction("switch to tenant " + tenantId);
		RequestContext context = RequestContexts.find()
			.orElseGet(RequestContext::detached)
			.withTenantId(tenantId.toString());
		String previousReason = SYSTEM_REASON.get();
		SYSTEM_REASON.remove();
		try (RequestContexts.Scope scope = RequestContexts.bind(context)) {
			return work.get();
		}
		finally {
			restore(previousReason);
		}
	}

	/**
	 * Runs work in the system scope, which bypasses tenant scoping: the ORM does not
	 * filter by tenant and the row-level security policies let every row through. Each
	 * entry is logged with the reason and the calling user's id.
	 * @param reason why the work needs every tenant's data, e.g.
	 * {@code "nightly usage report"}; logged
	 * @param work the work, which opens its own transactions
	 */
	public static void runAsSystem(String reason, Runnable work) {
		Objects.requireNonNull(work, "work");
		callAsSystem(reason, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Runs work in the system scope and returns its result; see
	 * {@link #runAsSystem(String, Runnable)}.
	 * @param reason why the work needs every tenant's data; logged
	 * @param work the work, which opens its own transactions
	 * @param <T> the result type
	 * @return the work's result
	 */
	public static <T extends @Nullable Object> T callAsSystem(String reason, Supplier<T> work) {
		Objects.requireNonNull(work, "work");
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("The system scope needs a reason; it is logged");
		}
		if (isSystem()) {
			return work.get();
		}
		refuseInsideTransaction("enter the system scope");
		String userId = RequestContexts.find().map(RequestContext::userId).orElse("<none>");
		logger.warn("Entering the system tenant scope (all tenants' data) for '{}', user {}", reason, userId);
		SYSTEM_REASON.set(reason);
		try {
			return work.get();
		}
		finally {
			restore(null);
			logger.info("Left the system tenant scope entered for '{}'", reason);
		}
	}

	private static void restore(@Nullable String reason) {
		if (reason == null) {
			SYSTEM_REASON.remove();
		}
		else {
			SYSTEM_REASON.set(reason);
		}
	}

	/**
	 * Why: the tenant is bound to the database and to the Hibernate session when the
	 * transaction begins; a change inside it would leave the two disagreeing with the
	 * code.
	 */
	private static void refuseInsideTransaction(String action) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			TenantIsolationViolations.record(TenantIsolationViolations.Kind.SWITCH_IN_TRANSACTION);
			throw new IllegalStateException("Cannot " + action + " inside a running transaction: the tenant is bound "
					+ "when a transaction begins; enter the scope before starting the transaction");
		}
	}

	private static Optional<UUID> parse(@Nullable String tenantId) {
		if (tenantId == null || tenantId.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(tenantId));
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Tenant id '{}' in the request context is not a UUID; treating it as no tenant", tenantId);
			return Optional.empty();
		}
	}

}
