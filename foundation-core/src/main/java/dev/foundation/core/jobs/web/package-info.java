/**
 * The job status endpoints: the last state as JSON and the events as Server-Sent Events.
 */
@NullMarked
package dev.foundation.core.jobs.web;

import org.jspecify.annotations.NullMarked;
