@NullMarked
package dev.foundation.core.auth;

import org.jspecify.annotations.NullMarked;
