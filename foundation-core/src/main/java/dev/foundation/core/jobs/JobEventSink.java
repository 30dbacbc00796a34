package dev.foundation.core.jobs;

import java.io.IOException;

/**
 * Where a subscription delivers a job's events, e.g. an SSE response. Calls on one sink
 * never overlap.
 */
public interface JobEventSink {

	/**
	 * Delivers an event.
	 * @param event the event
	 * @throws IOException if the client is gone; the subscription ends
	 */
	void send(JobEvent event) throws IOException;

	/**
	 * Keeps an idle connection open (an SSE comment).
	 * @throws IOException if the client is gone; the subscription ends
	 */
	void heartbeat() throws IOException;

	/**
	 * Ends the delivery: after the terminal event, or when the application stops.
	 */
	void complete();

}
