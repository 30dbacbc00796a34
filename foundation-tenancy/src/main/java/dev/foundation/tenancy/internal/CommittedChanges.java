package dev.foundation.tenancy.internal;

import java.util.function.BiConsumer;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands a change to listeners once the transaction that made it has committed (at once
 * without transaction synchronization), so a listener never hears of a change that was
 * rolled back. A listener that throws is logged and affects neither the committed change
 * nor the other listeners.
 *
 * @param <L> the listener type
 * @param <C> the change type
 */
final class CommittedChanges<L, C> {

	private static final Logger logger = LoggerFactory.getLogger(CommittedChanges.class);

	private final Iterable<L> listeners;

	private final BiConsumer<L, C> delivery;

	CommittedChanges(Iterable<L> listeners, BiConsumer<L, C> delivery) {
		this.listeners = listeners;
		this.delivery = delivery;
	}

	/**
	 * The user making a change: read when the change is made, on the caller's thread.
	 * @return the request context's user id, or {@code null} without one
	 */
	static @Nullable String actor() {
		return RequestContexts.find().map(RequestContext::userId).orElse(null);
	}

	void report(C change) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					deliver(change);
				}

			});
		}
		else {
			deliver(change);
		}
	}

	private void deliver(C change) {
		for (L listener : this.listeners) {
			try {
				this.delivery.accept(listener, change);
			}
			catch (RuntimeException ex) {
				// Why: the change is committed; failing the caller now would report a
				// success as a failure.
				logger.error("Listener {} failed on {}", listener, change, ex);
			}
		}
	}

}
