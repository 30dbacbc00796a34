@NullMarked
package dev.foundation.core.auth.jwt;

import org.jspecify.annotations.NullMarked;
