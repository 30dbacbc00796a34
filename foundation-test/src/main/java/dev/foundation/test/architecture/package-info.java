/**
 * The layering of the foundation's library modules as ArchUnit rules, applied by one
 * small test class per module:
 * {@link dev.foundation.test.architecture.LibraryModuleRules} holds the rule set,
 * {@link dev.foundation.test.architecture.FoundationArchitecture} builds it for a root
 * package.
 * <p>
 * Needs {@code com.tngtech.archunit:archunit-junit5} on the test class path; this module
 * declares it optional, so applications using it for their own tests do not get it.
 */
@NullMarked
package dev.foundation.test.architecture;

import org.jspecify.annotations.NullMarked;
