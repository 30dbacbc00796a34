package dev.foundation.test.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule against the planted violations in the {@code fixture} package: it reports its
 * own violation and none of the classes that follow it.
 */
class FoundationArchitectureTests {

	private static final String FIXTURE = "dev.foundation.test.architecture.fixture";

	private static final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

	private final FoundationArchitecture architecture = FoundationArchitecture.of(FIXTURE,
			"architecture-fixture/AutoConfiguration.imports");

	@Test
	void coreDependingOnAnotherModuleIsReported() {
		assertViolatedOnlyBy(this.architecture.coreDependsOnNoOtherModule(), "CoreUsingAudit");
	}

	@Test
	void moduleUsingAnotherModulesInternalPackageIsReported() {
		assertViolatedOnlyBy(this.architecture.noModuleUsesAnotherModulesInternals(), "TenancyUsingCoreInternal");
	}

	@Test
	void libraryCodeUsingAnAutoConfigurationPackageIsReported() {
		assertViolatedOnlyBy(this.architecture.onlyAutoConfigurationUsesAutoConfigurationPackages(),
				"WebUsingCoreProperties");
	}

	@Test
	void autoConfigurationThatIsNotFinalPublicOrAnnotatedIsReported() {
		assertViolatedOnlyBy(this.architecture.autoConfigurationsArePublicFinalAndAnnotated(),
				"ExtensibleAutoConfiguration", "HiddenAutoConfiguration", "UnannotatedAutoConfiguration");
	}

	@Test
	void autoConfigurationMissingFromTheImportsFileIsReported() {
		assertViolatedOnlyBy(this.architecture.autoConfigurationsAreListed(), "UnlistedAutoConfiguration");
	}

	@Test
	void importsFileListingAMissingClassOrNoAutoConfigurationIsReported() {
		assertViolatedOnlyBy(this.architecture.listedAutoConfigurationsExist(), "VanishedAutoConfiguration",
				"core.CoreApi", "UnannotatedAutoConfiguration");
	}

	@Test
	void stereotypeAndComponentScanAnnotationsAreReported() {
		assertViolatedOnlyBy(this.architecture.nothingIsComponentScanned(), "ScannedComponent", "ScannedService",
				"ScannedRepository", "ScannedComponentScan");
	}

	@Test
	void packagesThatDependOnEachOtherAreReported() {
		assertViolatedOnlyBy(this.architecture.packagesAreFreeOfCycles(), "cycle.first", "cycle.second");
	}

	@Test
	void packageWithoutNullMarkedIsReported() {
		assertViolatedOnlyBy(this.architecture.packagesAreNullMarked(), "fixture.unmarked");
	}

	private static void assertViolatedOnlyBy(ArchRule rule, String... planted) {
		List<String> details = rule.evaluate(fixture).getFailureReport().getDetails();
		for (String violator : planted) {
			assertThat(details).as("violations of '%s'", rule.getDescription())
				.anySatisfy((detail) -> assertThat(detail).contains(violator));
		}
		assertThat(details).as("violations of '%s'", rule.getDescription())
			.allSatisfy((detail) -> assertThat(detail).containsAnyOf(planted));
	}

}
