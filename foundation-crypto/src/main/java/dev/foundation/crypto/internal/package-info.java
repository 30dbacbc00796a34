@NullMarked
package dev.foundation.crypto.internal;

import org.jspecify.annotations.NullMarked;
