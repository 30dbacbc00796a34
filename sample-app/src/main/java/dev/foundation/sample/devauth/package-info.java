@NullMarked
package dev.foundation.sample.devauth;

import org.jspecify.annotations.NullMarked;
