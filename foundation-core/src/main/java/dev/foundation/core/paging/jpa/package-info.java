/**
 * Cursor paging with Spring Data JPA: keyset scrolling whose queries an index can seek
 * into.
 */
@NullMarked
package dev.foundation.core.paging.jpa;

import org.jspecify.annotations.NullMarked;
