@NullMarked
package dev.foundation.core.persistence.autoconfigure;

import org.jspecify.annotations.NullMarked;
