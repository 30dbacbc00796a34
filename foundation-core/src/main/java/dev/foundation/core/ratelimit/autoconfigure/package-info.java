/**
 * Auto-configuration of rate limits from {@code foundation.rate-limit.*}.
 */
@NullMarked
package dev.foundation.core.ratelimit.autoconfigure;

import org.jspecify.annotations.NullMarked;
