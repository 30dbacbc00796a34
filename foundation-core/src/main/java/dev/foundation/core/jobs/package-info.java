/**
 * Job status streams: background work publishes a job's progress; every instance can
 * serve it to the job's tenant.
 */
@NullMarked
package dev.foundation.core.jobs;

import org.jspecify.annotations.NullMarked;
