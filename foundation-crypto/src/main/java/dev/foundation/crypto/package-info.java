@NullMarked
package dev.foundation.crypto;

import org.jspecify.annotations.NullMarked;
