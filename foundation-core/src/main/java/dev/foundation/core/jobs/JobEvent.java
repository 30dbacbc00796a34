package dev.foundation.core.jobs;

/**
 * A published status with the id its stream gave it; the id is the SSE event id a client
 * resumes from with {@code Last-Event-ID}.
 *
 * @param id the stream entry id, e.g. {@code 1733390000000-0}
 * @param status the status
 */
public record JobEvent(String id, JobStatus status) {

}
