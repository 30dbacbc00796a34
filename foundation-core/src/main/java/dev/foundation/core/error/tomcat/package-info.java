/**
 * Problem+json for the errors Tomcat answers itself, before the application sees the
 * request.
 */
@NullMarked
package dev.foundation.core.error.tomcat;

import org.jspecify.annotations.NullMarked;
