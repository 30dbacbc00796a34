@NullMarked
package dev.foundation.core.context.autoconfigure;

import org.jspecify.annotations.NullMarked;
