package dev.foundation.tenancy.rls;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.ConnectionProxy;

/**
 * The connection handed out by {@link TenantSettingCheckingDataSource}: it runs the {@link ReturnedConnectionCheck}
 * on the first {@code close()}, before the pool takes the connection back, and passes everything else through.
 * <p>
 * A borrow that never reached SQL (no statement, no metadata, no unwrapping to the driver's connection) cannot have
 * changed a setting, and the borrow before it was checked on its return: it goes back unchecked, at no cost.
 */
final class TenantSettingCheckingConnection implements InvocationHandler {

	private final Connection target;

	private final ReturnedConnectionCheck check;

	private volatile boolean used;

	private volatile boolean returned;

	private TenantSettingCheckingConnection(Connection target, ReturnedConnectionCheck check) {
		this.target = target;
		this.check = check;
	}

	static Connection wrap(Connection target, ReturnedConnectionCheck check) {
		return (Connection) Proxy.newProxyInstance(ConnectionProxy.class.getClassLoader(),
				new Class<?>[] { ConnectionProxy.class }, new TenantSettingCheckingConnection(target, check));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "Tenant setting checking proxy for [" + this.target + "]";
			case "getTargetConnection":
				this.used = true;
				return this.target;
			case "unwrap":
				if (((Class<?>) args[0]).isInstance(proxy)) {
					return proxy;
				}
				this.used = true;
				break;
			case "createStatement", "prepareStatement", "prepareCall", "getMetaData":
				this.used = true;
				break;
			case "isWrapperFor":
				if (((Class<?>) args[0]).isInstance(proxy)) {
					return true;
				}
				break;
			case "close":
				if (!this.returned) {
					this.returned = true;
					if (this.used) {
						this.check.beforeReturn(this.target);
					}
				}
				break;
			case "abort":
				// Aborting closes the physical connection: nothing will be returned to check.
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

}
