/**
 * Job status kept in Redis (last state with a TTL, events in a Redis Stream) and
 * delivered to local subscribers.
 */
@NullMarked
package dev.foundation.core.jobs.internal;

import org.jspecify.annotations.NullMarked;
