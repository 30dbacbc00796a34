/**
 * Auto-configuration of job status streams from {@code foundation.jobs.*}.
 */
@NullMarked
package dev.foundation.core.jobs.autoconfigure;

import org.jspecify.annotations.NullMarked;
