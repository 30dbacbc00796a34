package dev.foundation.tenancy.rls;

import java.lang.reflect.Method;
import java.util.stream.Stream;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the query methods declared on Spring Data repository interfaces
 * ({@code findByName}, {@code @Query}) in a read-only transaction when they are called
 * outside one.
 * <p>
 * Why: Spring Data makes only its inherited CRUD methods transactional. A declared query
 * method called without a transaction would run on an autocommit connection with no
 * tenant bound, and row-level security would (correctly, but surprisingly) show it no
 * rows. Methods that say what they want are left alone: those annotated
 * {@link Transactional} (on the method or the interface), {@code @Modifying} ones (which
 * need a read-write transaction of their own anyway) and those returning a {@link Stream}
 * (which must be consumed inside the caller's transaction).
 */
public final class QueryMethodTransactions implements RepositoryProxyPostProcessor {

	private static final String MODIFYING = "org.springframework.data.jpa.repository.Modifying";

	private final ObjectProvider<PlatformTransactionManager> transactionManagers;

	/**
	 * Creates the post-processor.
	 * @param transactionManagers the transaction manager, looked up when first needed;
	 * with none or several, nothing is wrapped
	 */
	public QueryMethodTransactions(ObjectProvider<PlatformTransactionManager> transactionManagers) {
		this.transactionManagers = transactionManagers;
	}

	@Override
	public void postProcess(ProxyFactory factory, RepositoryInformation repositoryInformation) {
		factory.addAdvice(new Interceptor(repositoryInformation, this.transactionManagers));
	}

	static boolean needsTransaction(Method method, RepositoryInformation repository) {
		return repository.isQueryMethod(method) && !Stream.class.isAssignableFrom(method.getReturnType())
				&& !AnnotatedElementUtils.hasAnnotation(method, Transactional.class)
				&& !AnnotatedElementUtils.hasAnnotation(method.getDeclaringClass(), Transactional.class)
				&& !AnnotatedElementUtils.hasAnnotation(repository.getRepositoryInterface(), Transactional.class)
				&& !hasAnnotationNamed(method, MODIFYING);
	}

	private static boolean hasAnnotationNamed(Method method, String name) {
		for (var annotation : method.getAnnotations()) {
			if (annotation.annotationType().getName().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private static final class Interceptor implements MethodInterceptor {

		private final RepositoryInformation repository;

		private final ObjectProvider<PlatformTransactionManager> transactionManagers;

		private volatile @Nullable TransactionTemplate transactions;

		Interceptor(RepositoryInformation repository, ObjectProvider<PlatformTransactionManager> transactionManagers) {
			this.repository = repository;
			this.transactionManagers = transactionManagers;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			if (TransactionSynchronizationManager.isActualTransactionActive()
					|| !needsTransaction(invocation.getMethod(), this.repository)) {
				return invocation.proceed();
			}
			TransactionTemplate template = transactions();
			if (template == null) {
				return invocation.proceed();
			}
			// The query's result may be null, which a TransactionCallback may not return;
			// and the callback cannot throw what the query throws: both leave through
			// these.
			@Nullable Object[] result = new Object[1];
			@Nullable Throwable[] failure = new Throwable[1];
			template.executeWithoutResult((status) -> {
				try {
					result[0] = invocation.proceed();
				}
				catch (RuntimeException | Error ex) {
					throw ex;
				}
				catch (Throwable ex) {
					failure[0] = ex;
					status.setRollbackOnly();
				}
			});
			Throwable thrown = failure[0];
			if (thrown != null) {
				throw thrown;
			}
			return result[0];
		}

		private @Nullable TransactionTemplate transactions() {
			TransactionTemplate template = this.transactions;
			if (template == null) {
				PlatformTransactionManager transactionManager = this.transactionManagers.getIfUnique();
				if (transactionManager == null) {
					return null;
				}
				DefaultTransactionDefinition definition = new DefaultTransactionDefinition(
						TransactionDefinition.PROPAGATION_REQUIRED);
				definition.setReadOnly(true);
				template = new TransactionTemplate(transactionManager, definition);
				this.transactions = template;
			}
			return template;
		}

	}

}
