package dev.foundation.core.jobs.web;

import java.time.Instant;

import dev.foundation.core.jobs.JobEvent;
import dev.foundation.core.jobs.JobState;
import dev.foundation.core.jobs.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobStatusControllerTests {

	private final JobEvent last = new JobEvent("1733390000000-5",
			new JobStatus("job", JobState.PROGRESS, 10, null, null, null, Instant.now()));

	@Test
	void resumesFromIdsUpToTheLastEvent() {
		assertThat(JobStatusController.isResumable("1733390000000-5", this.last)).isTrue();
		assertThat(JobStatusController.isResumable("1733390000000-4", this.last)).isTrue();
		assertThat(JobStatusController.isResumable("1733389999999-9", this.last)).isTrue();
		assertThat(JobStatusController.isResumable(" 1733390000000-0 ", this.last)).isTrue();
	}

	@Test
	void idsAfterTheLastEventCannotHaveBeenReceived() {
		assertThat(JobStatusController.isResumable("1733390000000-6", this.last)).isFalse();
		assertThat(JobStatusController.isResumable("1733390000001-0", this.last)).isFalse();
		assertThat(JobStatusController.isResumable("99999999999999999999-0", this.last)).isFalse();
	}

	@Test
	void malformedIdsAreNotResumable() {
		for (String malformed : new String[] { "", "abc", "1733390000000", "-1", "1-2-3", "1733390000000-5\nid: 9",
				"0x10-0", "１-0" }) {
			assertThat(JobStatusController.isResumable(malformed, this.last)).as(malformed).isFalse();
		}
		assertThat(JobStatusController.isResumable(null, this.last)).isFalse();
	}

}
