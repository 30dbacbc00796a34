/**
 * A versioned, tenant-aware cache behind Spring's cache abstraction: Redis as the tier
 * every instance shares, an optional small in-process tier in front, keys scoped by
 * tenant and by a namespace version that one {@code INCR} bumps for every instance at
 * once.
 */
@NullMarked
package dev.foundation.core.cache;

import org.jspecify.annotations.NullMarked;
