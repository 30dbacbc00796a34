package dev.foundation.tenancy.internal;

import java.sql.SQLException;

import javax.sql.DataSource;

import dev.foundation.tenancy.rls.TenantSettingCheckingDataSource;
import dev.foundation.tenancy.rls.TenantSettingLeakCounts;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every data source in a {@link TenantSettingCheckingDataSource}, after its
 * initialization (so the pool is configured; {@code unwrap()} still reaches it for Boot's
 * pool metrics, health and JMX).
 */
public final class TenantSettingCheckingDataSourcePostProcessor implements BeanPostProcessor, Ordered {

	/**
	 * Before the {@link SystemScopeDataSourcePostProcessor}, so the pool's connections
	 * are checked directly.
	 */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	private final ObjectProvider<TenantSettingLeakCounts> counts;

	/**
	 * Creates the post-processor.
	 * @param counts where checks, leaks and failures are counted
	 */
	public TenantSettingCheckingDataSourcePostProcessor(ObjectProvider<TenantSettingLeakCounts> counts) {
		this.counts = counts;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof DataSource dataSource && !isChecking(dataSource)) {
			return new TenantSettingCheckingDataSource(dataSource, this.counts.getObject());
		}
		return bean;
	}

	// A data source bean wrapping another one that is checked already (a lazy or
	// transaction-aware proxy) would check
	// every returned connection twice.
	private static boolean isChecking(DataSource dataSource) {
		try {
			return dataSource.isWrapperFor(TenantSettingCheckingDataSource.class);
		}
		catch (SQLException | RuntimeException ex) {
			// A routing data source may not know its target yet.
			return false;
		}
	}

}
