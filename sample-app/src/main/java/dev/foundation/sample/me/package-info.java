@NullMarked
package dev.foundation.sample.me;

import org.jspecify.annotations.NullMarked;
