@NullMarked
package dev.foundation.sample.contact;

import org.jspecify.annotations.NullMarked;
