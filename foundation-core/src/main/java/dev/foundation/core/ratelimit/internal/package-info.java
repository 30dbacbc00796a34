/**
 * Rate limits counted atomically in Redis by Bucket4j.
 */
@NullMarked
package dev.foundation.core.ratelimit.internal;

import org.jspecify.annotations.NullMarked;
