/**
 * Distributed rate limits: policies, the keys they count by, and the method-level
 * annotation.
 */
@NullMarked
package dev.foundation.core.ratelimit;

import org.jspecify.annotations.NullMarked;
