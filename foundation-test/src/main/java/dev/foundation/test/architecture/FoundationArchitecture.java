package dev.foundation.test.architecture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction;
import org.jspecify.annotations.Nullable;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the foundation's library modules as ArchUnit rules, for the classes
 * below one root package. A module is the first package below the root
 * ({@code dev.foundation.core}, {@code dev.foundation.tenancy}, ...); inside it the API
 * sits at the top, the wiring in {@code autoconfigure} packages and the implementation in
 * {@code internal} packages.
 * <p>
 * The library's own tests use {@link LibraryModuleRules}; other roots exist so that the
 * rules can be shown to fail on planted violations.
 */
public final class FoundationArchitecture {

	/**
	 * Where Spring Boot finds the auto-configurations of a jar.
	 */
	public static final String AUTO_CONFIGURATION_IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private static final String AUTO_CONFIGURATION = "org.springframework.boot.autoconfigure.AutoConfiguration";

	private static final String NULL_MARKED = "org.jspecify.annotations.NullMarked";

	// What component scanning picks up or starts. @Controller is not here: Spring MVC
	// needs it to see a handler, and the library registers its controllers with @Bean.
	private static final List<String> SCANNING_ANNOTATIONS = List.of("org.springframework.stereotype.Component",
			"org.springframework.stereotype.Service", "org.springframework.stereotype.Repository",
			"org.springframework.context.annotation.ComponentScan",
			"org.springframework.context.annotation.ComponentScans");

	private static final DescribedPredicate<JavaClass> AUTO_CONFIGURATIONS = DescribedPredicate.describe(
			"are auto-configurations (annotated with @AutoConfiguration or named *AutoConfiguration)",
			(javaClass) -> javaClass.isAnnotatedWith(AUTO_CONFIGURATION)
					|| (javaClass.isTopLevelClass() && !javaClass.isAnnotation() && !javaClass.isInterface()
							&& javaClass.getSimpleName().endsWith("AutoConfiguration")));

	private final String root;

	private final AutoConfigurationImports imports;

	private FoundationArchitecture(String root, AutoConfigurationImports imports) {
		this.root = root;
		this.imports = imports;
	}

	/**
	 * Returns the rules for the modules below a root package, with auto-configurations
	 * listed where Spring Boot reads them.
	 * @param rootPackage the package whose subpackages are the modules
	 * @return the rules
	 */
	public static FoundationArchitecture of(String rootPackage) {
		return of(rootPackage, AUTO_CONFIGURATION_IMPORTS);
	}

	/**
	 * Returns the rules for the modules below a root package, with auto-configurations
	 * listed in another file of each class path entry.
	 * @param rootPackage the package whose subpackages are the modules
	 * @param importsLocation the imports file's path inside a jar or classes directory
	 * @return the rules
	 */
	public static FoundationArchitecture of(String rootPackage, String importsLocation) {
		return new FoundationArchitecture(rootPackage, new AutoConfigurationImports(importsLocation));
	}

	/**
	 * Core depends on no other module: every other module builds on it.
	 * @return the rule
	 */
	public ArchRule coreDependsOnNoOtherModule() {
		String core = this.root + ".core..";
		return noClasses().that()
			.resideInAPackage(core)
			.should()
			.dependOnClassesThat(resideInAPackage(this.root + "..").and(not(resideInAPackage(core))))
			.as("core should depend on no other foundation module")
			.because("every other module builds on core, which must work alone")
			.allowEmptyShould(true);
	}

	/**
	 * No module uses a class of another module's {@code internal} packages: modules meet
	 * through APIs and core's SPIs.
	 * @return the rule
	 */
	public ArchRule noModuleUsesAnotherModulesInternals() {
		ArchCondition<JavaClass> condition = new ArchCondition<>("use no other module's internal packages") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				String module = moduleOf(javaClass.getPackageName());
				for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
					String target = dependency.getTargetClass().getPackageName();
					String targetModule = moduleOf(target);
					if (targetModule != null && !targetModule.equals(module) && isInternal(target)) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}

		};
		return classes().that()
			.resideInAPackage(this.root + "..")
			.should(condition)
			.because("an internal package may change in any release; other modules meet a module through its API")
			.allowEmptyShould(true);
	}

	/**
	 * Only {@code autoconfigure} packages use {@code autoconfigure} packages: the wiring
	 * depends on the library, never the other way round.
	 * @return the rule
	 */
	public ArchRule onlyAutoConfigurationUsesAutoConfigurationPackages() {
		return noClasses().that()
			.resideInAPackage(this.root + "..")
			.and()
			.resideOutsideOfPackage("..autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(this.root + "..autoconfigure..")
			.because("the wiring depends on the library, never the other way round")
			.allowEmptyShould(true);
	}

	/**
	 * Auto-configuration classes are {@code public final} and annotated with
	 * {@code @AutoConfiguration}.
	 * @return the rule
	 */
	public ArchRule autoConfigurationsArePublicFinalAndAnnotated() {
		return classes().that()
			.resideInAPackage(this.root + "..")
			.and(AUTO_CONFIGURATIONS)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.andShould()
			.beAnnotatedWith(AUTO_CONFIGURATION)
			.because("Spring Boot's own auto-configurations are: nobody extends them, and only the imports file"
					+ " registers them")
			.allowEmptyShould(true);
	}

	/**
	 * Every auto-configuration class is listed in the imports file of its own jar.
	 * @return the rule
	 */
	public ArchRule autoConfigurationsAreListed() {
		ArchCondition<JavaClass> condition = new ArchCondition<>(
				"be listed in " + this.imports.location() + " beside them") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				Optional<String> entry = AutoConfigurationImports.entryOf(javaClass);
				boolean listed = entry.isPresent()
						&& FoundationArchitecture.this.imports.listedIn(entry.get()).contains(javaClass.getName());
				if (!listed) {
					events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " is not listed in "
							+ entry.map(FoundationArchitecture.this.imports::fileIn).orElse("its imports file")));
				}
			}

		};
		return classes().that()
			.resideInAPackage(this.root + "..")
			.and(AUTO_CONFIGURATIONS)
			.should(condition)
			.because("Spring Boot applies only the auto-configurations the imports file lists")
			.allowEmptyShould(true);
	}

	/**
	 * Every class an imports file lists exists and is annotated with
	 * {@code @AutoConfiguration}.
	 * @return the rule
	 */
	public ArchRule listedAutoConfigurationsExist() {
		ArchCondition<ListedClass> condition = new ArchCondition<>("exist and be annotated with @AutoConfiguration") {

			@Override
			public void check(ListedClass listed, ConditionEvents events) {
				JavaClass javaClass = listed.javaClass();
				if (javaClass == null) {
					events.add(SimpleConditionEvent.violated(listed,
							listed.file() + " lists " + listed.name() + ", which does not exist"));
				}
				else if (!javaClass.isAnnotatedWith(AUTO_CONFIGURATION)) {
					events.add(SimpleConditionEvent.violated(listed, listed.file() + " lists " + listed.name()
							+ ", which is not annotated with @AutoConfiguration"));
				}
			}

		};
		return all(listedAutoConfigurations()).should(condition)
			.because("Spring Boot fails at startup on a listed class that is missing")
			.allowEmptyShould(true);
	}

	/**
	 * No class carries an annotation that component scanning picks up or starts.
	 * @return the rule
	 */
	public ArchRule nothingIsComponentScanned() {
		ClassesShouldConjunction rule = noClasses().that()
			.resideInAPackage(this.root + "..")
			.should()
			.beAnnotatedWith(SCANNING_ANNOTATIONS.get(0));
		for (String annotation : SCANNING_ANNOTATIONS.subList(1, SCANNING_ANNOTATIONS.size())) {
			rule = rule.orShould().beAnnotatedWith(annotation);
		}
		return rule
			.because("a library's beans come from its auto-configurations, which back off; an application that"
					+ " scans a package of the library would get them twice or unconditionally")
			.allowEmptyShould(true);
	}

	/**
	 * No two packages depend on each other, directly or through others.
	 * @return the rule
	 */
	public ArchRule packagesAreFreeOfCycles() {
		return slices().matching(this.root + ".(**)")
			.namingSlices("$1")
			.should()
			.beFreeOfCycles()
			.because("a cycle makes two packages one, which neither name says")
			.allowEmptyShould(true);
	}

	/**
	 * Every package is {@code @NullMarked} in its {@code package-info.java}, so NullAway
	 * checks its code.
	 * @return the rule
	 */
	public ArchRule packagesAreNullMarked() {
		ArchCondition<JavaPackage> condition = new ArchCondition<>("be annotated with @NullMarked") {

			@Override
			public void check(JavaPackage javaPackage, ConditionEvents events) {
				if (!javaPackage.isAnnotatedWith(NULL_MARKED)) {
					events.add(SimpleConditionEvent.violated(javaPackage,
							javaPackage.getName() + " has no package-info.java annotated with @NullMarked"));
				}
			}

		};
		return all(packagesWithClasses()).should(condition)
			.because("NullAway checks only @NullMarked code")
			.allowEmptyShould(true);
	}

	private AbstractClassesTransformer<ListedClass> listedAutoConfigurations() {
		return new AbstractClassesTransformer<>("classes listed in " + this.imports.location()) {

			@Override
			public Iterable<ListedClass> doTransform(JavaClasses classes) {
				Set<String> entries = new LinkedHashSet<>();
				for (JavaClass javaClass : classes) {
					if (javaClass.getPackageName().startsWith(FoundationArchitecture.this.root + ".")) {
						AutoConfigurationImports.entryOf(javaClass).ifPresent(entries::add);
					}
				}
				List<ListedClass> listed = new ArrayList<>();
				for (String entry : entries) {
					String file = FoundationArchitecture.this.imports.fileIn(entry);
					for (String name : FoundationArchitecture.this.imports.listedIn(entry)) {
						listed.add(new ListedClass(name, file, classes.contain(name) ? classes.get(name) : null));
					}
				}
				return listed;
			}

		};
	}

	private AbstractClassesTransformer<JavaPackage> packagesWithClasses() {
		return new AbstractClassesTransformer<>("packages") {

			@Override
			public Iterable<JavaPackage> doTransform(JavaClasses classes) {
				TreeMap<String, JavaPackage> packages = new TreeMap<>();
				for (JavaClass javaClass : classes) {
					String name = javaClass.getPackageName();
					if (name.startsWith(FoundationArchitecture.this.root + ".")) {
						packages.putIfAbsent(name, javaClass.getPackage());
					}
				}
				return packages.values();
			}

		};
	}

	private @Nullable String moduleOf(String packageName) {
		if (!packageName.startsWith(this.root + ".")) {
			return null;
		}
		String rest = packageName.substring(this.root.length() + 1);
		int dot = rest.indexOf('.');
		return (dot >= 0) ? rest.substring(0, dot) : rest;
	}

	private static boolean isInternal(String packageName) {
		return ("." + packageName + ".").contains(".internal.");
	}

	/**
	 * A class an imports file lists.
	 *
	 * @param name the class name as listed
	 * @param file the imports file
	 * @param javaClass the class, or {@code null} when none of that name was imported
	 */
	record ListedClass(String name, String file, @Nullable JavaClass javaClass) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
