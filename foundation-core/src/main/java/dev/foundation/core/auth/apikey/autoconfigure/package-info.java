/**
 * Auto-configuration of API keys, switched on with {@code foundation.auth.api-keys.enabled}.
 */
@NullMarked
package dev.foundation.core.auth.apikey.autoconfigure;

import org.jspecify.annotations.NullMarked;
