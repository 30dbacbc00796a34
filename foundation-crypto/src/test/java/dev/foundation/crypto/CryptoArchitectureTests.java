package dev.foundation.crypto;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.foundation.test.architecture.LibraryModuleRules;

/**
 * The foundation's architecture rules over this module's classes.
 */
@AnalyzeClasses(packages = "dev.foundation.crypto", importOptions = ImportOption.DoNotIncludeTests.class)
class CryptoArchitectureTests {

	@ArchTest
	static final ArchTests foundation = ArchTests.in(LibraryModuleRules.class);

}
