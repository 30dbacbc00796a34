package dev.foundation.tenancy.isolation;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a randomized run did, for its summary line and for the test's assertions on
 * coverage.
 */
final class IsolationTally {

	final Map<AccessPath, Integer> byPath = new EnumMap<>(AccessPath.class);

	final Map<OperationKind, Integer> byKind = new EnumMap<>(OperationKind.class);

	final Map<String, Integer> refusals = new TreeMap<>();

	int operations;

	int crossTenantAttempts;

	int crossTenantRefused;

	int crossTenantNoEffect;

	int withoutTenant;

	int unboundReads;

	int transactions;

	void count(AccessPath path, OperationKind kind) {
		this.operations++;
		this.byPath.merge(path, 1, Integer::sum);
		this.byKind.merge(kind, 1, Integer::sum);
	}

	void refused(AccessPath path, Throwable refusal) {
		Throwable root = refusal;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		this.refusals.merge(path.label() + " " + root.getClass().getSimpleName(), 1, Integer::sum);
	}

	int path(AccessPath path) {
		return this.byPath.getOrDefault(path, 0);
	}

	int kind(OperationKind kind) {
		return this.byKind.getOrDefault(kind, 0);
	}

	String summary(long seed, int tenants, int superuserChecks, int violations, long millis) {
		String paths = this.byPath.entrySet()
			.stream()
			.map((entry) -> entry.getKey().label() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
		String kinds = this.byKind.entrySet()
			.stream()
			.map((entry) -> entry.getKey().label() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
		return String.format(Locale.ROOT,
				"randomized isolation: %d ops (seed=%d) over %d tenants in %d transactions, %.1f s; "
						+ "paths: %s; kinds: %s; cross-tenant attempts=%d (refused=%d, no effect=%d); no tenant=%d "
						+ "(of which unbound, outside a transaction=%d); superuser checks=%d; violations=%d",
				this.operations, seed, tenants, this.transactions, millis / 1000.0, paths, kinds,
				this.crossTenantAttempts, this.crossTenantRefused, this.crossTenantNoEffect, this.withoutTenant,
				this.unboundReads, superuserChecks, violations);
	}

	String refusalSummary() {
		return "randomized isolation: refusals by path and root cause: " + this.refusals;
	}

}
