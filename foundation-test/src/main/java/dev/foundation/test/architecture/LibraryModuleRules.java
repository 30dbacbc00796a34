package dev.foundation.test.architecture;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rule set every foundation library module's tests apply to the module's own classes:
 *
 * <pre class="code">
 * &#064;AnalyzeClasses(packages = "dev.foundation.tenancy", importOptions = ImportOption.DoNotIncludeTests.class)
 * class TenancyArchitectureTests {
 *
 * 	&#064;ArchTest
 * 	static final ArchTests foundation = ArchTests.in(LibraryModuleRules.class);
 *
 * }
 * </pre>
 *
 * Each rule accepts a module with no classes yet, so a new module can apply the set from
 * its first commit.
 *
 * @see FoundationArchitecture
 */
public final class LibraryModuleRules {

	private static final FoundationArchitecture FOUNDATION = FoundationArchitecture.of("dev.foundation");

	/** {@link FoundationArchitecture#coreDependsOnNoOtherModule()}. */
	@ArchTest
	public static final ArchRule coreDependsOnNoOtherModule = FOUNDATION.coreDependsOnNoOtherModule();

	/** {@link FoundationArchitecture#noModuleUsesAnotherModulesInternals()}. */
	@ArchTest
	public static final ArchRule noModuleUsesAnotherModulesInternals = FOUNDATION.noModuleUsesAnotherModulesInternals();

	/**
	 * {@link FoundationArchitecture#onlyAutoConfigurationUsesAutoConfigurationPackages()}.
	 */
	@ArchTest
	public static final ArchRule onlyAutoConfigurationUsesAutoConfigurationPackages = FOUNDATION
		.onlyAutoConfigurationUsesAutoConfigurationPackages();

	/** {@link FoundationArchitecture#autoConfigurationsArePublicFinalAndAnnotated()}. */
	@ArchTest
	public static final ArchRule autoConfigurationsArePublicFinalAndAnnotated = FOUNDATION
		.autoConfigurationsArePublicFinalAndAnnotated();

	/** {@link FoundationArchitecture#autoConfigurationsAreListed()}. */
	@ArchTest
	public static final ArchRule autoConfigurationsAreListed = FOUNDATION.autoConfigurationsAreListed();

	/** {@link FoundationArchitecture#listedAutoConfigurationsExist()}. */
	@ArchTest
	public static final ArchRule listedAutoConfigurationsExist = FOUNDATION.listedAutoConfigurationsExist();

	/** {@link FoundationArchitecture#nothingIsComponentScanned()}. */
	@ArchTest
	public static final ArchRule nothingIsComponentScanned = FOUNDATION.nothingIsComponentScanned();

	/** {@link FoundationArchitecture#packagesAreFreeOfCycles()}. */
	@ArchTest
	public static final ArchRule packagesAreFreeOfCycles = FOUNDATION.packagesAreFreeOfCycles();

	/** {@link FoundationArchitecture#packagesAreNullMarked()}. */
	@ArchTest
	public static final ArchRule packagesAreNullMarked = FOUNDATION.packagesAreNullMarked();

	private LibraryModuleRules() {
	}

}
