package dev.foundation.core.jobs;

import java.util.Locale;

/**
 * Where a job is; {@link #COMPLETED} and {@link #FAILED} end its stream.
 */
public enum JobState {

	/** The job began. */
	STARTED,

	/** The job made progress (percent and message). */
	PROGRESS,

	/** The job finished; its result reference says where the result is. */
	COMPLETED,

	/** The job failed; its problem type says why. */
	FAILED;

	/**
	 * Whether no event follows this one.
	 * @return {@code true} for {@link #COMPLETED} and {@link #FAILED}
	 */
	public boolean isTerminal() {
		return this == COMPLETED || this == FAILED;
	}

	/**
	 * The name used as the SSE event name, e.g. {@code progress}.
	 * @return the lower-case name
	 */
	public String eventName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
