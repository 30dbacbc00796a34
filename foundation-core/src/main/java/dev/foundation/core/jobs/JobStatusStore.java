package dev.foundation.core.jobs;

import java.util.List;
import java.util.Optional;

/**
 * Reads what was published about a job.
 */
public interface JobStatusStore {

	/**
	 * The job's last event, kept for a while after the job ended.
	 * @param job the job
	 * @return the event, or empty when the job is unknown (or of another tenant) or
	 * expired
	 * @throws RuntimeException if Redis failed
	 */
	Optional<JobEvent> last(JobRef job);

	/**
	 * The job's events after the given one, oldest first.
	 * @param job the job
	 * @param afterId the id of the last event the caller has
	 * @param max at most this many
	 * @return the events
	 * @throws RuntimeException if Redis failed
	 */
	List<JobEvent> after(JobRef job, String afterId, int max);

}
