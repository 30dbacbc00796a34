@NullMarked
package dev.foundation.core.health;

import org.jspecify.annotations.NullMarked;
