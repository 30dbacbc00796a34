/**
 * Cursor (keyset) pagination on Spring Data's scrolling: opaque cursor tokens for a
 * {@link org.springframework.data.domain.KeysetScrollPosition}, the declared order a
 * cursor must match, and the response shape of a page.
 */
@NullMarked
package dev.foundation.core.paging;

import org.jspecify.annotations.NullMarked;
