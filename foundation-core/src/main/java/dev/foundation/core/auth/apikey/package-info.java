/**
 * API keys for service-to-service calls: issued once, stored only as hashes, scoped to a
 * tenant and roles, revocable.
 */
@NullMarked
package dev.foundation.core.auth.apikey;

import org.jspecify.annotations.NullMarked;
