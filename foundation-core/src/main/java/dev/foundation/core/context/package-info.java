@NullMarked
package dev.foundation.core.context;

import org.jspecify.annotations.NullMarked;
