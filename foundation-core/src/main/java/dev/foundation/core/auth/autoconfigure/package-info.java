@NullMarked
package dev.foundation.core.auth.autoconfigure;

import org.jspecify.annotations.NullMarked;
