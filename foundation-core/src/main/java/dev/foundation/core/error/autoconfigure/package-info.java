@NullMarked
package dev.foundation.core.error.autoconfigure;

import org.jspecify.annotations.NullMarked;
