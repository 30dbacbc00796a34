/**
 * Rate limits applied to Spring MVC handlers: the interceptor and the IETF
 * {@code RateLimit} headers.
 */
@NullMarked
package dev.foundation.core.ratelimit.web;

import org.jspecify.annotations.NullMarked;
