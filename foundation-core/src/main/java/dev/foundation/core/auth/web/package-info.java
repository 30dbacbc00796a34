@NullMarked
package dev.foundation.core.auth.web;

import org.jspecify.annotations.NullMarked;
