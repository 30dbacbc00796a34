package dev.foundation.core.jobs;

import org.jspecify.annotations.Nullable;

/**
 * Delivers a job's events, wherever they were published, to a local sink, in order and
 * without gaps or repeats.
 */
@FunctionalInterface
public interface JobSubscriptions {

	/**
	 * Subscribes a sink to a job: it receives {@code initial} (if given), then every
	 * event after {@code afterId}, until the terminal event or until it is cancelled. No
	 * thread is held per subscription.
	 * @param job the job (the caller has checked that the job exists for its tenant)
	 * @param initial an event to deliver first, e.g. the stored last state
	 * @param afterId the id of the last event the client has
	 * @param sink where to deliver
	 * @return the subscription, to cancel when the client goes away
	 */
	Subscription subscribe(JobRef job, @Nullable JobEvent initial, String afterId, JobEventSink sink);

	/**
	 * A running subscription.
	 */
	@FunctionalInterface
	interface Subscription {

		/**
		 * Stops delivering (idempotent).
		 */
		void cancel();

	}

}
