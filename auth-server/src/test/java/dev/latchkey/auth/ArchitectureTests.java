package dev.latchkey.auth;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Rules of STYLE.md and DESIGN.md that the compiler does not check, on the main code of
 * the auth server ({@link ModularityTests} checks the module graph itself).
 */
@AnalyzeClasses(packagesOf = LatchkeyApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String ROOT = LatchkeyApplication.class.getPackageName();

	/** Constructor injection into final fields: no field is injected by the container. */
	@ArchTest
	static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

	/** Spring calls the one constructor by itself: {@code @Autowired} is never needed. */
	@ArchTest
	static final ArchRule noAutowired = noCodeUnits().should()
		.beAnnotatedWith(Autowired.class)
		.because("STYLE.md: constructor injection without @Autowired");

	/**
	 * Not just the feature modules: no two packages of any depth depend on each other.
	 */
	@ArchTest
	static final ArchRule noPackageCycles = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

	/**
	 * A feature uses another only through its API: public types in the feature's own
	 * package that are not its controllers or Spring configuration.
	 */
	@ArchTest
	static final ArchRule featuresOnlyThroughTheirApi = classes().that()
		.resideInAPackage(ROOT + ".*..")
		.should(useOtherFeaturesOnlyThroughTheirApi());

	/**
	 * Everything here is security code: tokens, codes, nonces, salts and keys come from
	 * {@code SecureRandom}, never from a predictable generator.
	 */
	@ArchTest
	static final ArchRule noPredictableRandom = noClasses().should()
		.dependOnClassesThat()
		.belongToAnyOf(Random.class, ThreadLocalRandom.class, SplittableRandom.class)
		.orShould()
		.callMethod(Math.class, "random")
		.orShould()
		.callMethod(StrictMath.class, "random")
		.because("predictable random numbers must not reach security code; use java.security.SecureRandom");

	static ArchCondition<JavaClass> useOtherFeaturesOnlyThroughTheirApi() {
		return new ArchCondition<>("use other features only through their API") {
			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					JavaClass target = dependency.getTargetClass();
					String targetFeature = feature(target);
					if (targetFeature != null && !targetFeature.equals(feature(origin)) && !isApi(target)) {
						events.add(SimpleConditionEvent.violated(dependency,
								dependency.getDescription() + ", which is not in the API of feature " + targetFeature));
					}
				}
			}
		};
	}

	private static boolean isApi(JavaClass type) {
		JavaClass outermost = type;
		while (outermost.getEnclosingClass().isPresent()) {
			outermost = outermost.getEnclosingClass().get();
		}
		return outermost.getModifiers().contains(JavaModifier.PUBLIC)
				&& outermost.getPackageName().equals(ROOT + "." + feature(outermost))
				&& !IMPLEMENTATION.test(outermost);
	}

	private static final DescribedPredicate<JavaClass> IMPLEMENTATION = DescribedPredicate
		.describe("a controller or configuration", (type) -> type.isAnnotatedWith(Controller.class)
				|| type.isAnnotatedWith(RestController.class) || type.isAnnotatedWith(Configuration.class));

	/** The feature a class belongs to, or null when it is outside every feature. */
	private static @Nullable String feature(JavaClass type) {
		String packageName = type.getPackageName();
		if (!packageName.startsWith(ROOT + ".")) {
			return null;
		}
		String rest = packageName.substring(ROOT.length() + 1);
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

}
