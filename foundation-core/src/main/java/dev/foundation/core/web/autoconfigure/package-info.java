/**
 * Auto-configuration of the web hardening ({@code foundation.web.*}).
 */
@NullMarked
package dev.foundation.core.web.autoconfigure;

import org.jspecify.annotations.NullMarked;
