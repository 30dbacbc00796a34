/**
 * The Redis tier of the tenant resolution cache: entries shared by every instance, and
 * invalidations sent to all of them over Redis pub/sub.
 */
@NullMarked
package dev.foundation.tenancy.resolution.redis;

import org.jspecify.annotations.NullMarked;
