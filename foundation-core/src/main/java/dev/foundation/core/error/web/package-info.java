/**
 * Spring MVC glue of the error model: the controller advice and the error controller,
 * both answering RFC 9457 {@code application/problem+json}.
 */
@NullMarked
package dev.foundation.core.error.web;

import org.jspecify.annotations.NullMarked;
