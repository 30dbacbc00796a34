package dev.foundation.tenancy.rls;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.ConnectionProxy;

/**
 * The connection handed out by {@link TenantSettingCheckingDataSource}. It decides, per
 * borrow, whether the connection must be looked at for a leaked tenant setting, so that
 * the common borrow costs no round trip of its own:
 * <ul>
 * <li>A transaction bound through it ({@link BindingConnection}) is checked by its
 * binding statement, which also overrides anything the connection carried. A borrow that
 * ran SQL only inside such transactions goes back unchecked; its connection is marked,
 * and checked before any later borrower runs SQL outside a bound transaction.
 * <li>A borrow that ran SQL outside a bound transaction (autocommit statements, a
 * transaction begun by other code) or reached the driver's own connection is checked when
 * it goes back, as is every borrow once a leak has been seen (so that the next one is
 * caught with the code that returned it).
 * <li>A borrow that never reached SQL cannot have changed a setting: it goes back
 * unchecked, at no cost.
 * </ul>
 */
final class TenantSettingCheckingConnection implements InvocationHandler {

	private static final @Nullable Object[] NO_ARGUMENTS = {};

	private final Connection target;

	private final ReturnedConnectionCheck check;

	// What this borrow did; a borrow is used by one thread at a time, but it may be
	// closed from another.
	private volatile boolean unboundUse;

	private volatile boolean checkedBeforeUse;

	private volatile boolean boundUse;

	private volatile boolean inBoundTransaction;

	private volatile boolean leakedBefore;

	private volatile boolean returned;

	private TenantSettingCheckingConnection(Connection target, ReturnedConnectionCheck check) {
		this.target = target;
		this.check = check;
	}

	static Connection wrap(Connection target, ReturnedConnectionCheck check) {
		return (Connection) Proxy.newProxyInstance(TenantSettingCheckingConnection.class.getClassLoader(),
				new Class<?>[] { ConnectionProxy.class, BindingConnection.class },
				new TenantSettingCheckingConnection(target, check));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] arguments)
			throws Throwable {
		// The proxy passes no array for methods without parameters.
		@Nullable Object[] args = (arguments != null) ? arguments : NO_ARGUMENTS;
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "Tenant setting checking proxy for [" + this.target + "]";
			case "bindTransaction":
				bindTransaction((String) Objects.requireNonNull(args[0], "tenant"));
				return null;
			case "getTargetConnection":
				// SQL on the driver's own connection cannot be followed: judge the borrow
				// at its return.
				unboundUse();
				return this.target;
			case "unwrap":
				// A null type is no interface of this proxy: the driver answers it.
				if (args[0] instanceof Class<?> type && type.isInstance(proxy)) {
					return proxy;
				}
				unboundUse();
				break;
			case "createStatement", "prepareStatement", "prepareCall":
				if (!this.inBoundTransaction) {
					unboundUse();
				}
				break;
			case "getMetaData":
				// Metadata queries change no setting, and a check now would open the
				// transaction early (a later
				// setReadOnly would fail); the metadata's own connection can run SQL,
				// though: check at the return.
				this.unboundUse = true;
				break;
			case "commit", "setAutoCommit":
				this.inBoundTransaction = false;
				break;
			case "rollback":
				// A rollback to a savepoint does not end the transaction.
				if (args.length == 0) {
					this.inBoundTransaction = false;
				}
				break;
			case "isWrapperFor":
				if (args[0] instanceof Class<?> type && type.isInstance(proxy)) {
					return true;
				}
				break;
			case "close":
				if (!this.returned) {
					this.returned = true;
					beforeReturn();
				}
				break;
			case "abort":
				// Aborting closes the physical connection: nothing will be returned to
				// check.
				this.returned = true;
				break;
			default:
				break;
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private void bindTransaction(String binding) throws SQLException {
		// Run on the target: the binding statement is not SQL of the borrower's.
		String before = TenantTransactionBinding.run(this.target, binding);
		this.inBoundTransaction = true;
		this.boundUse = true;
		if (this.check.afterBinding(before)) {
			this.leakedBefore = true;
		}
	}

	private void unboundUse() {
		this.unboundUse = true;
		if (!this.checkedBeforeUse) {
			this.checkedBeforeUse = true;
			if (this.check.beforeUnboundUse(this.target)) {
				this.leakedBefore = true;
			}
		}
	}

	private void beforeReturn() {
		if (this.leakedBefore) {
			this.check.neutraliseAtReturn(this.target);
		}
		else if (this.unboundUse || (this.boundUse && this.check.checksEveryReturn())) {
			this.check.beforeReturn(this.target);
		}
		else if (this.boundUse) {
			this.check.returnedUnchecked(this.target);
		}
	}

}
