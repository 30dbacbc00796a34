package dev.foundation.core.jobs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Publishes a job's status for every instance to deliver. Publishing never throws because
 * Redis failed: the job goes on, the failure is counted and logged, and the event is lost
 * (clients see the next one, or the job's stored state).
 */
@FunctionalInterface
public interface JobStatusPublisher {

	/**
	 * Publishes a status.
	 * @param job the job
	 * @param status the status
	 * @return the event's id, or {@code null} if it could not be published
	 */
	@Nullable String publish(JobRef job, JobStatus status);

	/**
	 * Publishes {@link JobState#STARTED}.
	 * @param job the job
	 * @return the event's id, or {@code null}
	 */
	default @Nullable String started(JobRef job) {
		return publish(job, new JobStatus(job.jobId(), JobState.STARTED, 0, null, null, null, Instant.now()));
	}

	/**
	 * Publishes {@link JobState#PROGRESS}.
	 * @param job the job
	 * @param percent how far the job is, 0–100
	 * @param message a short message for the user
	 * @return the event's id, or {@code null}
	 */
	default @Nullable String progress(JobRef job, int percent, @Nullable String message) {
		return publish(job, new JobStatus(job.jobId(), JobState.PROGRESS, percent, message, null, null, Instant.now()));
	}

	/**
	 * Publishes {@link JobState#COMPLETED}; the stream ends.
	 * @param job the job
	 * @param result where the result is (URI or id), if anywhere
	 * @return the event's id, or {@code null}
	 */
	default @Nullable String completed(JobRef job, @Nullable String result) {
		return publish(job, new JobStatus(job.jobId(), JobState.COMPLETED, 100, null, result, null, Instant.now()));
	}

	/**
	 * Publishes {@link JobState#FAILED}; the stream ends.
	 * @param job the job
	 * @param problemType the problem type slug, e.g. one of
	 * {@link dev.foundation.core.error.ProblemTypes}
	 * @return the event's id, or {@code null}
	 */
	default @Nullable String failed(JobRef job, String problemType) {
		return publish(job, new JobStatus(job.jobId(), JobState.FAILED, null, null, null, problemType, Instant.now()));
	}

}
