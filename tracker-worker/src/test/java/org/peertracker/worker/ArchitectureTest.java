package org.peertracker.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The worker's package structure, enforced: no cycles between packages; the MongoDB machinery knows nothing of
 * projectors; the pipeline knows no view family; view families know the pipeline but not each other, nor Kafka; and
 * the worker serves no HTTP beyond actuator.
 */
@AnalyzeClasses(packages = "org.peertracker.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final List<String> FAMILIES = List.of("support", "outreach", "campaign", "involvement", "activity", "reach");
    static final String[] FAMILY_PACKAGES =
            FAMILIES.stream().map(f -> "org.peertracker.worker." + f + "..").toArray(String[]::new);

    @ArchTest
    static final ArchRule packagesFormNoCycles =
            slices().matching("org.peertracker.worker.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule mongoKnowsNoProjection = noClasses()
            .that()
            .resideInAPackage("..worker.mongo..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..worker.projection..", "..worker.kafka..", "..worker.rebuild..")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(FAMILY_PACKAGES);

    @ArchTest
    static final ArchRule projectionKnowsNoKafkaWiringNorFamily = noClasses()
            .that()
            .resideInAPackage("..worker.projection..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..worker.kafka..", "..worker.rebuild..")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(FAMILY_PACKAGES);

    @ArchTest
    static final ArchRule familiesKnowNeitherKafkaNorRebuilds = noClasses()
            .that()
            .resideInAnyPackage(FAMILY_PACKAGES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..worker.kafka..", "..worker.rebuild..", "org.apache.kafka..", "org.springframework.kafka..");

    @ArchTest
    static final ArchRule familiesDoNotReachIntoEachOther = noClasses()
            .that()
            .resideInAnyPackage(FAMILY_PACKAGES)
            .should(new ArchCondition<JavaClass>("depend on another view family") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                        var target = dependency.getTargetClass().getPackageName();
                        if (!target.equals(origin.getPackageName())
                                && FAMILIES.stream().anyMatch(f -> target.equals("org.peertracker.worker." + f))) {
                            events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                        }
                    });
                }
            });

    @ArchTest
    static final ArchRule servesNoHttpBeyondActuator = noClasses()
            .should()
            .beAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .orShould()
            .beAnnotatedWith("org.springframework.stereotype.Controller");
}
