package org.peertracker.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.mongodb.client.AggregateIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoIterable;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.peertracker.views.ViewChange;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's package structure, enforced: no cycles between packages; the API never writes MongoDB; the shared
 * packages ({@code system}, {@code security}) know no feature; a controller is used by no other class and asks its
 * feature's query classes, never MongoDB or the view contract; a feature uses another only through that feature's
 * query classes (its public {@code @Component}s, e.g. {@code support.Cases}, and the records they answer with); and
 * only {@code system.Views} opens collections, so that every read follows the view's generation.
 */
@AnalyzeClasses(packages = "org.peertracker.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String API = "org.peertracker.api";
    static final List<String> FEATURES = List.of(
            "activity",
            "campaign",
            "dashboard",
            "exports",
            "feed",
            "intake",
            "involvement",
            "live",
            "outreach",
            "support");
    static final String[] FEATURE_PACKAGES =
            FEATURES.stream().map(f -> API + "." + f + "..").toArray(String[]::new);
    /** What changes data or structure in MongoDB, on a collection, a database or a client. */
    static final Pattern WRITES = Pattern.compile("(insert|update|replace|delete|bulkWrite|findOneAnd|drop|"
            + "createIndex|createSearchIndex|rename|createCollection|createView|runCommand|toCollection).*");

    @ArchTest
    static final ArchRule packagesFormNoCycles =
            slices().matching("org.peertracker.api.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule neverWritesMongoDb = noClasses()
            .that()
            // but its own key tables: the pseudonym table, the texts' keys, the erasure audit and tombstones
            .resideOutsideOfPackage(API + ".privacy..")
            .should()
            .callMethodWhere(
                    new DescribedPredicate<JavaMethodCall>("a method that writes MongoDB (" + WRITES.pattern() + ")") {
                        @Override
                        public boolean test(JavaMethodCall call) {
                            var owner = call.getTarget().getOwner();
                            return WRITES.matcher(call.getTarget().getName()).matches()
                                    && (owner.isAssignableTo(MongoCollection.class)
                                            || owner.isAssignableTo(MongoDatabase.class)
                                            || owner.isAssignableTo(MongoClient.class)
                                            || owner.isAssignableTo(AggregateIterable.class)
                                            || owner.isAssignableTo(MongoIterable.class));
                        }
                    });

    @ArchTest
    static final ArchRule sharedPackagesKnowNoFeature = noClasses()
            .that()
            .resideInAnyPackage(API + ".system..", API + ".security..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURE_PACKAGES);

    @ArchTest
    static final ArchRule controllersAskQueryClassesNotMongoDb = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat(resideInAnyPackage("com.mongodb..", "org.bson..")
                    .or(resideInAPackage("org.peertracker.views..").and(not(equivalentTo(ViewChange.class))))
                    .as("belong to MongoDB or to the view contract (its notification aside)"));

    @ArchTest
    static final ArchRule controllersAreUsedByNoOtherClass = noClasses()
            .should(new ArchCondition<JavaClass>("use a controller other than their own") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                        var target = topLevel(dependency.getTargetClass());
                        if (target.isAnnotatedWith(RestController.class)
                                && !topLevel(origin).equals(target)) {
                            events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                        }
                    });
                }
            });

    @ArchTest
    static final ArchRule featuresUseEachOtherOnlyThroughQueryClasses = noClasses()
            .that()
            .resideInAnyPackage(FEATURE_PACKAGES)
            .should(new ArchCondition<JavaClass>("use another feature other than through its query classes") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    var from = feature(origin);
                    origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                        var target = dependency.getTargetClass();
                        var to = feature(target);
                        if (to.isPresent() && !to.equals(from) && !isQueryClass(topLevel(target))) {
                            events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                        }
                    });
                }
            });

    @ArchTest
    static final ArchRule onlyViewsOpensCollections = noClasses()
            .that()
            .resideOutsideOfPackage(API + ".system..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(MongoDatabase.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(MongoClient.class);

    /** A feature's query class: a public component that is neither a controller nor configuration. */
    static boolean isQueryClass(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC)
                && type.isAnnotatedWith(Component.class)
                && !type.isAnnotatedWith(RestController.class)
                && !type.isAnnotatedWith(Configuration.class);
    }

    static Optional<String> feature(JavaClass type) {
        return FEATURES.stream()
                .filter(f -> type.getPackageName().equals(API + "." + f))
                .findFirst();
    }

    static JavaClass topLevel(JavaClass type) {
        var outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
