/**
 * Auto-configuration of the foundation's Redis connection.
 */
@NullMarked
package dev.foundation.core.redis.autoconfigure;

import org.jspecify.annotations.NullMarked;
