package dev.latchkey.resource;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.beans.factory.annotation.Autowired;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The auth server's architecture rules that apply to the sample too
 * ({@link ModularityTests} checks its module graph).
 */
@AnalyzeClasses(packagesOf = ResourceServerApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

	@ArchTest
	static final ArchRule noAutowired = noCodeUnits().should()
		.beAnnotatedWith(Autowired.class)
		.because("STYLE.md: constructor injection without @Autowired");

	@ArchTest
	static final ArchRule noPackageCycles = slices()
		.matching(ResourceServerApplication.class.getPackageName() + ".(**)")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule noPredictableRandom = noClasses().should()
		.dependOnClassesThat()
		.belongToAnyOf(Random.class, ThreadLocalRandom.class, SplittableRandom.class)
		.orShould()
		.callMethod(Math.class, "random")
		.orShould()
		.callMethod(StrictMath.class, "random")
		.because("predictable random numbers must not reach security code; use java.security.SecureRandom");

}
