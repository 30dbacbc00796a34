package dev.foundation.core.jobs.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.foundation.core.error.ExternalServiceException;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.core.jobs.JobEvent;
import dev.foundation.core.jobs.JobEventSink;
import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobStatus;
import dev.foundation.core.jobs.JobStatusStore;
import dev.foundation.core.jobs.JobSubscriptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A job's status for the caller's tenant: the last state as JSON, and the events as
 * Server-Sent Events. A job of another tenant (or none) is a 404, exactly like an unknown
 * one.
 * <p>
 * The stream holds no database connection or transaction (nothing here touches the
 * database) and no thread: the request thread returns at once and events are written by
 * the {@link JobSubscriptions}' executor.
 */
@RestController
@RequestMapping("${foundation.jobs.path:/api/v1/jobs}")
public class JobStatusController {

	private static final Pattern EVENT_ID = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

	private final JobStatusStore store;

	private final JobSubscriptions subscriptions;

	private final Duration streamTimeout;

	private final JsonMapper json;

	/**
	 * Creates the controller.
	 * @param store reads the last state
	 * @param subscriptions delivers events
	 * @param streamTimeout how long one stream stays open at most (the client reconnects
	 * with {@code Last-Event-ID})
	 * @param json writes the events' data
	 */
	public JobStatusController(JobStatusStore store, JobSubscriptions subscriptions, Duration streamTimeout,
			JsonMapper json) {
		this.store = store;
		this.subscriptions = subscriptions;
		this.streamTimeout = streamTimeout;
		this.json = json;
	}

	/**
	 * The job's last status.
	 * @param id the job's id
	 * @return the status
	 */
	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<JobStatus> status(@PathVariable String id) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(lastEvent(id).status());
	}

	/**
	 * The job's events: from {@code Last-Event-ID} on when it is one of this job's event
	 * ids, otherwise the last state first; the stream ends after the terminal event.
	 * @param id the job's id
	 * @param lastEventId the id of the last event the client received
	 * @return the stream
	 */
	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter events(@PathVariable String id,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		JobEvent last = lastEvent(id);
		JobRef job = JobRef.forCurrentTenant(id);
		SseEmitter emitter = new SseEmitter(this.streamTimeout.toMillis());
		String resumeFrom = resumable(lastEventId, last);
		// No or a malformed Last-Event-ID: a fresh stream from the stored state.
		JobSubscriptions.Subscription subscription = (resumeFrom != null)
				? this.subscriptions.subscribe(job, null, resumeFrom, new EmitterSink(emitter, this.json))
				: this.subscriptions.subscribe(job, last, last.id(), new EmitterSink(emitter, this.json));
		emitter.onCompletion(subscription::cancel);
		emitter.onTimeout(subscription::cancel);
		emitter.onError((ex) -> subscription.cancel());
		return emitter;
	}

	private JobEvent lastEvent(String id) {
		if (!JobRef.isValidId(id)) {
			throw new NotFoundException("No job with this id");
		}
		Optional<JobEvent> last;
		try {
			last = this.store.last(JobRef.forCurrentTenant(id));
		}
		catch (RuntimeException ex) {
			throw new ExternalServiceException("job-status", HttpStatus.SERVICE_UNAVAILABLE, ex);
		}
		return last.orElseThrow(() -> new NotFoundException("No job with this id"));
	}

	/**
	 * Whether the client's id is a stream id no later than the job's last event: a client
	 * can only have received such ids, so resuming from it skips nothing.
	 */
	static boolean isResumable(@Nullable String lastEventId, JobEvent last) {
		return resumable(lastEventId, last) != null;
	}

	private static @Nullable String resumable(@Nullable String lastEventId, JobEvent last) {
		if (lastEventId == null) {
			return null;
		}
		String trimmed = lastEventId.trim();
		var candidate = EVENT_ID.matcher(trimmed);
		var newest = EVENT_ID.matcher(last.id());
		if (!candidate.matches() || !newest.matches()) {
			return null;
		}
		try {
			int byTime = Long.compareUnsigned(Long.parseUnsignedLong(candidate.group(1)),
					Long.parseUnsignedLong(newest.group(1)));
			boolean received = byTime < 0
					|| (byTime == 0 && Long.compareUnsigned(Long.parseUnsignedLong(candidate.group(2)),
							Long.parseUnsignedLong(newest.group(2))) <= 0);
			return received ? trimmed : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private record EmitterSink(SseEmitter emitter, JsonMapper json) implements JobEventSink {

		@Override
		public void send(JobEvent event) throws IOException {
			this.emitter.send(SseEmitter.event()
				.id(event.id())
				.name(event.status().state().eventName())
				.data(this.json.writeValueAsString(event.status())));
		}

		@Override
		public void heartbeat() throws IOException {
			this.emitter.send(SseEmitter.event().comment("heartbeat"));
		}

		@Override
		public void complete() {
			this.emitter.complete();
		}

	}

}
