@NullMarked
package dev.foundation.core.auth.health;

import org.jspecify.annotations.NullMarked;
