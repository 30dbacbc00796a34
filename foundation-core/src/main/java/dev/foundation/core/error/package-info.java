@NullMarked
package dev.foundation.core.error;

import org.jspecify.annotations.NullMarked;
