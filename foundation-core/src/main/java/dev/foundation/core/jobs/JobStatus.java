package dev.foundation.core.jobs;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One status of a job, as published and as delivered to clients.
 *
 * @param jobId the job's id
 * @param state the state
 * @param percent how far the job is (0–100), for {@link JobState#PROGRESS}
 * @param message a short message for the user, for {@link JobState#PROGRESS}
 * @param result where the result is (a URI or id), for {@link JobState#COMPLETED}
 * @param problemType the problem type slug of the failure, for {@link JobState#FAILED}
 * @param at when the status was published
 */
public record JobStatus(String jobId, JobState state, @Nullable Integer percent, @Nullable String message,
		@Nullable String result, @Nullable String problemType, Instant at) {

	public JobStatus {
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(at, "at");
		if (percent != null && (percent < 0 || percent > 100)) {
			throw new IllegalArgumentException("percent must be between 0 and 100, not " + percent);
		}
	}

}
