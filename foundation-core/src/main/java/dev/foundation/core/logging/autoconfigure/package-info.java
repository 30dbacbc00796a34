@NullMarked
package dev.foundation.core.logging.autoconfigure;

import org.jspecify.annotations.NullMarked;
