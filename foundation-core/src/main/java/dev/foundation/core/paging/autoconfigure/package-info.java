/**
 * Auto-configuration of cursor paging ({@code foundation.paging.*}).
 */
@NullMarked
package dev.foundation.core.paging.autoconfigure;

import org.jspecify.annotations.NullMarked;
