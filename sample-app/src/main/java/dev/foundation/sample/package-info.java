@NullMarked
package dev.foundation.sample;

import org.jspecify.annotations.NullMarked;
