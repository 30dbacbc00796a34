@NullMarked
package dev.foundation.crypto.jpa;

import org.jspecify.annotations.NullMarked;
