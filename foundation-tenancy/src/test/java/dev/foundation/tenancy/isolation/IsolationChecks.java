package dev.foundation.tenancy.isolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The assertions of the randomized run. A failed check is recorded as a violation naming
 * the operation rather than thrown, so that the run can report every path and kind that
 * leaked and still print its summary.
 */
final class IsolationChecks {

	private static final int MAX_LISTED = 50;

	private final List<String> violations = new ArrayList<>();

	private String operation = "setup";

	private int count;

	private int recordedAt = -1;

	private int operationNumber;

	void begin(int number, String description) {
		this.operationNumber = number;
		this.operation = description;
	}

	/**
	 * Checks rows a query returned to a tenant: each must be that tenant's (a foreign row
	 * is the worst violation) and together they must be exactly the expected rows.
	 */
	void rows(@Nullable UUID tenant, String what, Collection<ItemRow> actual, Collection<ItemRow> expected) {
		for (ItemRow row : actual) {
			if (!Objects.equals(row.tenantId(), tenant)) {
				fail(what + ": returned " + row + " of tenant " + row.tenantId() + " to " + describe(tenant));
			}
		}
		Map<UUID, ItemRow> found = index(actual);
		Map<UUID, ItemRow> wanted = index(expected);
		if (found.size() != actual.size()) {
			fail(what + ": returned duplicate rows " + actual);
		}
		if (!found.equals(wanted)) {
			fail(what + ": returned " + difference(found, wanted));
		}
	}

	void row(UUID tenant, String what, @Nullable ItemRow actual, ItemRow expected) {
		rows(tenant, what, (actual != null) ? List.of(actual) : List.of(), List.of(expected));
	}

	void count(String what, long actual, long expected) {
		if (actual != expected) {
			fail(what + ": " + actual + " rows, the model says " + expected);
		}
	}

	void fail(String message) {
		this.count++;
		this.recordedAt = this.operationNumber;
		if (this.violations.size() < MAX_LISTED) {
			this.violations.add("#" + this.operationNumber + " " + this.operation + ": " + message);
		}
	}

	/**
	 * The first violations, each naming the operation number, tenant, path and operation.
	 */
	List<String> violations() {
		return List.copyOf(this.violations);
	}

	int violationCount() {
		return this.count;
	}

	/** Whether a violation was recorded at the given operation number or later. */
	boolean failedSince(int number) {
		return this.recordedAt >= number;
	}

	static String describe(@Nullable UUID tenant) {
		return (tenant != null) ? "tenant " + tenant : "no tenant";
	}

	private static Map<UUID, ItemRow> index(Collection<ItemRow> rows) {
		Map<UUID, ItemRow> index = new LinkedHashMap<>();
		rows.forEach((row) -> index.put(row.id(), row));
		return index;
	}

	static String difference(Map<UUID, ItemRow> actual, Map<UUID, ItemRow> expected) {
		List<String> parts = new ArrayList<>();
		actual.forEach((id, row) -> {
			ItemRow wanted = expected.get(id);
			if (wanted == null) {
				parts.add("unexpected " + row);
			}
			else if (!wanted.equals(row)) {
				parts.add(row + " instead of " + wanted);
			}
		});
		expected.forEach((id, row) -> {
			if (!actual.containsKey(id)) {
				parts.add("missing " + row);
			}
		});
		return (parts.size() > 6) ? parts.subList(0, 6) + " and " + (parts.size() - 6) + " more" : parts.toString();
	}

	/**
	 * Whether an exception or one of its causes names the text in its message or class
	 * name.
	 */
	static boolean mentions(Throwable ex, String text) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getName().contains(text)
					|| (cause.getMessage() != null && cause.getMessage().contains(text))) {
				return true;
			}
		}
		return false;
	}

	static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			text.append((text.length() > 0) ? " <- " : "")
				.append(cause.getClass().getSimpleName())
				.append(": ")
				.append(cause.getMessage());
		}
		return text.toString();
	}

}
