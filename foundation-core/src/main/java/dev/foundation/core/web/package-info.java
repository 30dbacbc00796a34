/**
 * Hardening of what the application reads and writes over HTTP: HTML-safe JSON, strict
 * JSON types and UTF-8, and {@code X-Content-Type-Options: nosniff} on every response.
 */
@NullMarked
package dev.foundation.core.web;

import org.jspecify.annotations.NullMarked;
