/**
 * Auto-configuration of the foundation's cache.
 */
@NullMarked
package dev.foundation.core.cache.autoconfigure;

import org.jspecify.annotations.NullMarked;
