/**
 * Auto-configuration of resilient outbound calls for every Boot-built {@code RestClient}.
 */
@NullMarked
package dev.foundation.core.http.autoconfigure;

import org.jspecify.annotations.NullMarked;
