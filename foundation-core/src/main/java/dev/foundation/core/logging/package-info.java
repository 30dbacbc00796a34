@NullMarked
package dev.foundation.core.logging;

import org.jspecify.annotations.NullMarked;
