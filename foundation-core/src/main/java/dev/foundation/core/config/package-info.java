@NullMarked
package dev.foundation.core.config;

import org.jspecify.annotations.NullMarked;
