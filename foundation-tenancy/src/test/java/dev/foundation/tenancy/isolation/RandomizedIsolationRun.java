package dev.foundation.tenancy.isolation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.foundation.tenancy.persistence.TenantScope;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A randomized sequence of operations by several tenants (and by no tenant) through every
 * access path, each checked against the {@link GroundTruth}, with the superuser's view of
 * the whole table compared to the model periodically, after every write that had to be
 * refused and at the end.
 * <p>
 * A turn picks a tenant and one to six operations, which share one transaction (so JPA,
 * native and JDBC work meet on one connection), except that a write that must be refused
 * runs alone, and a single repository operation runs without an outer transaction half of
 * the time. Every choice comes from one {@link Random}: a seed replays the run.
 */
final class RandomizedIsolationRun {

	private static final int VERIFY_EVERY = 250;

	private static final int MAX_VIOLATIONS = 50;

	private final Random random;

	private final RunState state;

	private final IsolationChecks checks = new IsolationChecks();

	private final Map<AccessPath, AccessPathOperations> paths = new EnumMap<>(AccessPath.class);

	private final TransactionTemplate transactions;

	private final EntityManager entityManager;

	private final SuperuserView superuser;

	private final IsolationTally tally = new IsolationTally();

	private int lastVerified;

	RandomizedIsolationRun(long seed, List<UUID> tenants, IsolationItemRepository repository,
			EntityManager entityManager, JdbcTemplate jdbc, TransactionTemplate transactions, SuperuserView superuser) {
		this.random = new Random(seed);
		this.state = new RunState(new GroundTruth(tenants), this.random, this.checks);
		this.paths.put(AccessPath.REPOSITORY, new RepositoryOperations(repository, this.state));
		this.paths.put(AccessPath.JPQL, new JpqlOperations(entityManager, this.state));
		this.paths.put(AccessPath.NATIVE, new SqlOperations(SqlStatements.nativeQueries(entityManager), this.state));
		this.paths.put(AccessPath.JDBC, new SqlOperations(SqlStatements.jdbc(jdbc), this.state));
		this.transactions = transactions;
		this.entityManager = entityManager;
		this.superuser = superuser;
	}

	/**
	 * Starts from the rows the table already holds, read as the superuser.
	 * @return this run
	 */
	RandomizedIsolationRun fromCurrentTable() {
		this.state.model().resetTo(this.superuser.all());
		return this;
	}

	/**
	 * Runs at least the given number of operations, or until violations pile up.
	 * @param operations how many operations
	 * @return what the run did
	 */
	IsolationTally run(int operations) {
		while (this.tally.operations < operations && this.checks.violationCount() < MAX_VIOLATIONS) {
			if (this.random.nextInt(100) < 8) {
				withoutTenant();
			}
			else {
				tenantTurn(this.state.anyTenant());
			}
			if (this.tally.operations - this.lastVerified >= VERIFY_EVERY) {
				this.lastVerified = this.tally.operations;
				verifyTable("periodic check");
			}
		}
		this.checks.begin(this.tally.operations, "end of run");
		verifyTable("at the end");
		return this.tally;
	}

	IsolationChecks checks() {
		return this.checks;
	}

	int superuserChecks() {
		return this.superuser.checks();
	}

	private void tenantTurn(UUID tenant) {
		int size = 1 + this.random.nextInt(6);
		List<AccessPath> batch = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			AccessPath path = randomPath();
			if (this.random.nextInt(100) < 4) {
				runBatch(tenant, batch);
				batch.clear();
				refusedForeignWrite(tenant, path);
			}
			else {
				batch.add(path);
			}
		}
		runBatch(tenant, batch);
	}

	private void runBatch(UUID tenant, List<AccessPath> batch) {
		if (batch.isEmpty()) {
			return;
		}
		int first = this.tally.operations + 1;
		List<ItemRow> targets = new ArrayList<>();
		boolean ownTransactions = batch.size() == 1 && batch.get(0) == AccessPath.REPOSITORY
				&& this.random.nextBoolean();
		this.tally.transactions++;
		try {
			TenantScope.run(tenant, () -> {
				if (ownTransactions) {
					operation(tenant, AccessPath.REPOSITORY, targets);
					return;
				}
				this.transactions.executeWithoutResult((status) -> {
					for (AccessPath path : batch) {
						operation(tenant, path, targets);
						// Hibernate's persistence context does not see SQL writes; start
						// each operation afresh.
						this.entityManager.flush();
						this.entityManager.clear();
					}
				});
			});
		}
		catch (RuntimeException ex) {
			this.checks.fail("unexpected failure: " + IsolationChecks.describe(ex));
		}
		// The foreign rows targeted must be exactly as before, seen from outside
		// row-level security.
		targets.forEach((target) -> this.superuser.verifyRow(target, this.checks));
		if (!this.checks.failedSince(first)) {
			this.tally.crossTenantNoEffect += targets.size();
		}
		resyncAfterViolation(first);
	}

	private void operation(UUID tenant, AccessPath path, List<ItemRow> targets) {
		AccessPathOperations operations = this.paths.get(path);
		GroundTruth model = this.state.model();
		if (this.random.nextInt(100) < 18) {
			ItemRow foreign = model.pickForeign(tenant, this.random);
			if (foreign != null) {
				int choice = this.random.nextInt(10);
				OperationKind kind = (choice < 4) ? OperationKind.READ
						: (choice < 7) ? OperationKind.UPDATE : OperationKind.DELETE;
				begin(tenant, path, kind, "cross-tenant on " + foreign);
				this.tally.crossTenantAttempts++;
				targets.add(foreign);
				switch (kind) {
					case READ -> operations.readForeign(tenant, foreign);
					case UPDATE -> operations.updateForeign(tenant, foreign);
					default -> operations.deleteForeign(tenant, foreign);
				}
				return;
			}
		}
		OperationKind kind = randomKind();
		ItemRow own = model.pick(tenant, this.random);
		boolean needsRow = kind == OperationKind.READ || kind == OperationKind.UPDATE || kind == OperationKind.DELETE;
		if (own == null && needsRow) {
			kind = OperationKind.CREATE;
		}
		begin(tenant, path, kind, (own != null && needsRow) ? "own " + own : "");
		switch (kind) {
			case CREATE -> operations.create(tenant);
			case READ -> operations.read(tenant, own);
			case UPDATE -> operations.update(tenant, own);
			case DELETE -> operations.delete(tenant, own);
			case SEARCH -> operations.search(tenant);
			case BULK_UPDATE -> operations.bulkUpdate(tenant, this.state.newTag());
			case BULK_DELETE -> operations.bulkDelete(tenant, this.state.newTag());
		}
	}

	private void refusedForeignWrite(UUID tenant, AccessPath path) {
		ItemRow foreign = this.state.model().pickForeign(tenant, this.random);
		if (foreign == null) {
			return;
		}
		ItemRow own = this.state.model().pick(tenant, this.random);
		RefusedWrite write = this.paths.get(path).writeIntoForeign(tenant, own, foreign);
		this.tally.crossTenantAttempts++;
		if (refused(tenant, path, write)) {
			this.tally.crossTenantRefused++;
		}
		this.superuser.verifyRow(foreign, this.checks);
	}

	private void withoutTenant() {
		AccessPath path = randomPath();
		AccessPathOperations operations = this.paths.get(path);
		this.tally.withoutTenant++;
		int choice = this.random.nextInt(3);
		if (choice == 0) {
			refused(null, path, operations.createWithoutTenant(this.state.anyTenant()));
			return;
		}
		int first = this.tally.operations + 1;
		boolean read = choice == 1;
		boolean delete = this.random.nextBoolean();
		OperationKind kind = read ? OperationKind.SEARCH
				: delete ? OperationKind.BULK_DELETE : OperationKind.BULK_UPDATE;
		begin(null, path, kind, "");
		try {
			if (read && this.random.nextBoolean()) {
				// Outside a transaction nothing binds a tenant, even inside a tenant
				// scope: row-level security shows
				// nothing. Not so for repositories, whose methods get a transaction of
				// their own: no scope for them.
				this.tally.unboundReads++;
				if (path != AccessPath.REPOSITORY && this.random.nextBoolean()) {
					TenantScope.run(this.state.anyTenant(), operations::readWithoutTenant);
				}
				else {
					operations.readWithoutTenant();
				}
			}
			else {
				this.tally.transactions++;
				this.transactions.executeWithoutResult((status) -> {
					if (read) {
						operations.readWithoutTenant();
					}
					else {
						operations.writeWithoutTenant(delete);
					}
				});
				if (!read) {
					this.superuser.verifyTable(this.state.model(), this.checks, "after a write without tenant");
				}
			}
		}
		catch (RuntimeException ex) {
			this.checks.fail("unexpected failure: " + IsolationChecks.describe(ex));
		}
		resyncAfterViolation(first);
	}

	/**
	 * Runs a write that must be refused, alone in its transaction; returns whether it was
	 * refused as expected.
	 */
	private boolean refused(@Nullable UUID tenant, AccessPath path, RefusedWrite write) {
		int first = this.tally.operations + 1;
		begin(tenant, path, write.kind(), "must be refused: " + write.description());
		this.tally.transactions++;
		boolean refused = false;
		try {
			Runnable inTransaction = () -> this.transactions.executeWithoutResult((status) -> write.action().run());
			if (tenant != null) {
				TenantScope.run(tenant, inTransaction);
			}
			else {
				inTransaction.run();
			}
			this.checks.fail("was not refused");
		}
		catch (RuntimeException ex) {
			refused = IsolationChecks.mentions(ex, write.expectedRefusal());
			if (refused) {
				this.tally.refused(path, ex);
			}
			else {
				this.checks.fail("refused, but not for the expected reason ('" + write.expectedRefusal() + "'): "
						+ IsolationChecks.describe(ex));
			}
		}
		if (write.forgedId() != null) {
			this.superuser.verifyAbsent(write.forgedId(), this.checks);
		}
		this.superuser.verifyTable(this.state.model(), this.checks, "after a refused write");
		resyncAfterViolation(first);
		return refused;
	}

	private void begin(@Nullable UUID tenant, AccessPath path, OperationKind kind, String detail) {
		this.tally.count(path, kind);
		int index = (tenant != null) ? this.state.model().tenants().indexOf(tenant) : -1;
		this.checks.begin(this.tally.operations, ((index >= 0) ? "tenant#" + index : "no tenant") + " " + path.label()
				+ " " + kind.label() + (detail.isEmpty() ? "" : " (" + detail + ")"));
	}

	private void verifyTable(String when) {
		int first = this.tally.operations;
		this.superuser.verifyTable(this.state.model(), this.checks, when);
		resyncAfterViolation(first);
	}

	/**
	 * After a violation the model may be wrong; take the table as it is so one fault is
	 * reported once.
	 */
	private void resyncAfterViolation(int sinceOperation) {
		if (this.checks.failedSince(sinceOperation)) {
			this.state.model().resetTo(this.superuser.all());
		}
	}

	private AccessPath randomPath() {
		AccessPath[] values = AccessPath.values();
		return values[this.random.nextInt(values.length)];
	}

	private OperationKind randomKind() {
		int choice = this.random.nextInt(100);
		if (choice < 24) {
			return OperationKind.CREATE;
		}
		if (choice < 44) {
			return OperationKind.READ;
		}
		if (choice < 64) {
			return OperationKind.UPDATE;
		}
		if (choice < 76) {
			return OperationKind.DELETE;
		}
		if (choice < 92) {
			return OperationKind.SEARCH;
		}
		return (choice < 97) ? OperationKind.BULK_UPDATE : OperationKind.BULK_DELETE;
	}

}
