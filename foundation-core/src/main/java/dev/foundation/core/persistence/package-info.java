@NullMarked
package dev.foundation.core.persistence;

import org.jspecify.annotations.NullMarked;
