/**
 * The cache's implementation: tiers, namespace versions, invalidation messages and value
 * encoding.
 */
@NullMarked
package dev.foundation.core.cache.internal;

import org.jspecify.annotations.NullMarked;
