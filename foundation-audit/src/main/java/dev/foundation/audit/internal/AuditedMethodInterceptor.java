package dev.foundation.audit.internal;

import java.lang.reflect.Method;

import dev.foundation.audit.AuditEventBuilder;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.Audited;
import dev.foundation.audit.WriteMode;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the event of an {@link Audited} method. It runs inside the method's transaction
 * interceptor (its advisor is registered after the transaction advisor, at the same
 * order), so a success event joins the transaction; a rollback after the method returned
 * (at commit, say) is caught by a synchronization that records the failure instead.
 */
public final class AuditedMethodInterceptor implements MethodInterceptor {

	private static final ExpressionParser PARSER = new SpelExpressionParser();

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	private final AuditLog log;

	/**
	 * Creates the interceptor.
	 * @param log where events are recorded
	 */
	public AuditedMethodInterceptor(AuditLog log) {
		this.log = log;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Class<?> target = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
				: method.getDeclaringClass();
		Method specific = AopUtils.getMostSpecificMethod(method, target);
		Audited audited = AnnotatedElementUtils.findMergedAnnotation(specific, Audited.class);
		if (audited == null) {
			return invocation.proceed();
		}
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			event(audited, invocation, specific, null, false).failure(failure).mode(WriteMode.BATCHED).record();
			throw failure;
		}
		AuditEventBuilder success = event(audited, invocation, specific, result, true);
		if (TransactionalAuditWriter.canWrite()) {
			success.record();
			AuditEventBuilder rolledBack = event(audited, invocation, specific, result, true)
				.detail("error", "transaction rolled back")
				.outcome(dev.foundation.audit.AuditOutcome.FAILURE)
				.mode(WriteMode.BATCHED);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						rolledBack.record();
					}
				}
			});
		}
		else {
			success.mode(WriteMode.BATCHED).record();
		}
		return result;
	}

	private AuditEventBuilder event(Audited audited, MethodInvocation invocation, Method method,
			@Nullable Object result, boolean returned) {
		AuditEventBuilder builder = this.log.event(audited.action());
		if (!audited.resource().isEmpty()) {
			builder.resource(audited.resource(), resourceId(audited, invocation, method, result, returned));
		}
		return builder;
	}

	private static @Nullable Object resourceId(Audited audited, MethodInvocation invocation, Method method,
			@Nullable Object result, boolean returned) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(invocation.getThis(), method,
				invocation.getArguments(), NAMES);
		if (returned) {
			context.setVariable("result", result);
		}
		String expression = audited.resourceId().isEmpty() ? "#id" : audited.resourceId();
		try {
			return PARSER.parseExpression(expression).getValue(context);
		}
		catch (RuntimeException ex) {
			// #result on failure, or a null along the path: the event is recorded without
			// the id rather than not at all.
			return null;
		}
	}

}
