@NullMarked
package dev.foundation.core.health.autoconfigure;

import org.jspecify.annotations.NullMarked;
