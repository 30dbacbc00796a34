/**
 * Wiring of the shutdown gate ({@code foundation.shutdown.*}).
 */
@NullMarked
package dev.foundation.core.shutdown.autoconfigure;

import org.jspecify.annotations.NullMarked;
