/**
 * The foundation's own Lettuce connection for its Redis features (cache, rate limits, job
 * streams): short command timeouts and outage tracking, so that Redis going down slows a
 * request by at most one timeout per pause instead of breaking it.
 */
@NullMarked
package dev.foundation.core.redis;

import org.jspecify.annotations.NullMarked;
