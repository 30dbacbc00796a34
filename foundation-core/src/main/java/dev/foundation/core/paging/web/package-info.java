/**
 * Spring MVC support for cursor paging: {@link dev.foundation.core.paging.CursorRequest}
 * as a controller method parameter.
 */
@NullMarked
package dev.foundation.core.paging.web;

import org.jspecify.annotations.NullMarked;
