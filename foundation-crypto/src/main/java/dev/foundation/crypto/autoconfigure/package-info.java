@NullMarked
package dev.foundation.crypto.autoconfigure;

import org.jspecify.annotations.NullMarked;
