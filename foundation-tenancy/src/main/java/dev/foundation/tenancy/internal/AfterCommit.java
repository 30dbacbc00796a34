package dev.foundation.tenancy.internal;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work once the current transaction has committed, or at once without transaction synchronization: listeners
 * must never hear of a change that is rolled back.
 */
final class AfterCommit {

	private AfterCommit() {
	}

	static void run(Runnable work) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					work.run();
				}

			});
		}
		else {
			work.run();
		}
	}

}
