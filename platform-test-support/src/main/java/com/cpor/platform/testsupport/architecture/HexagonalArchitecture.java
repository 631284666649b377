package com.cpor.platform.testsupport.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The house layout of a service (docs/architecture.md), as ArchUnit rules every service applies with one line:
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.cpor.claimservice", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests ports_and_adapters = ArchTests.in(HexagonalArchitecture.class);
 * }
 * }</pre>
 * Inside a service, per aggregate: {@code domain} (rules, no framework), {@code application} (use cases and the
 * ports they need), adapters {@code web}, {@code messaging}, {@code persistence}, {@code mail}; wiring in
 * {@code config}. Shared code ({@code com.cpor.platform}, {@code com.cpor.events}) is not an adapter even where its
 * package is called {@code web} or {@code messaging}. No rule may pass on nothing: a rule whose classes are missing
 * (a renamed package) fails instead of passing quietly.
 */
public final class HexagonalArchitecture {

    /** The platform's shared modules; their package names say nothing about a service's layers. */
    static final DescribedPredicate<JavaClass> SHARED = resideInAnyPackage("com.cpor.platform..", "com.cpor.events..")
            .as("shared platform or event-contracts code");

    static final DescribedPredicate<JavaClass> RECORDS = DescribedPredicate.describe("records", JavaClass::isRecord);

    static final String[] ADAPTERS = {"web", "messaging", "persistence", "mail"};

    @ArchTest
    public static final ArchRule domain_depends_only_on_the_jdk_and_event_contracts = classes()
            .that(layer("domain"))
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "com.cpor.events..",
                    "..domain..")
            .as("the domain depends only on the JDK, event-contracts and the domain")
            .because("the rules must read, and be tested, without Spring, Kafka, JDBC, Jackson, OpenAPI or the "
                    + "platform's HTTP problems")
            .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule application_depends_on_no_adapter = noClasses()
            .that(layer("application"))
            .should().dependOnClassesThat(anyAdapter().or(resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                    "org.springframework.jdbc..", "java.sql..", "javax.sql..",
                    "org.springframework.kafka..", "org.apache.kafka..",
                    "jakarta.mail..", "org.springframework.mail..", "org.thymeleaf..",
                    "com.cpor.platform.web..")).as("an adapter or adapter technology (HTTP, JDBC, Kafka, mail)"))
            .as("the application depends on no adapter")
            .because("use cases define the ports they need (interfaces in application) and adapters implement "
                    + "them; errors are application or domain exceptions that the web adapter maps to problems")
            .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule adapters_do_not_depend_on_each_other = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("web").definedBy(layer("web"))
            .layer("messaging").definedBy(layer("messaging"))
            .layer("persistence").definedBy(layer("persistence"))
            .optionalLayer("mail").definedBy(layer("mail")) // notification-service only
            .whereLayer("web").mayNotBeAccessedByAnyLayer()
            .whereLayer("messaging").mayNotBeAccessedByAnyLayer()
            .whereLayer("persistence").mayNotBeAccessedByAnyLayer()
            .whereLayer("mail").mayNotBeAccessedByAnyLayer()
            .as("web, messaging, persistence and mail adapters do not depend on each other")
            .because("each adapter reaches the others only through the application's use cases and ports")
            .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule persistence_adapters_implement_application_ports = classes()
            .that(layer("persistence")).and().areAnnotatedWith("org.springframework.stereotype.Repository")
            .should(implementAnInterfaceOf("application"))
            .as("repositories in persistence implement a port of the application")
            .because("use cases depend on the port, never on the JDBC class")
            .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule other_services_are_reached_only_through_event_contracts = noClasses()
            .should(dependOnAnotherService())
            .as("a service depends on other services only through event-contracts")
            .because("services talk through the topics of event-contracts; each owns its code and its database")
            .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule web_records_carry_no_domain_records = fields()
            .that().areDeclaredInClassesThat(layer("web").and(RECORDS))
            .should(notCarryADomainRecord())
            .as("web records (requests, responses) carry no domain records")
            .because("the API's JSON must not change when the domain changes: the web adapter maps domain records "
                    + "into records of its own (domain enums may pass through)")
            .allowEmptyShould(false);

    private HexagonalArchitecture() {
    }

    /** The classes of one layer of a service ({@code ..domain..}, {@code ..web..}), never shared platform code. */
    static DescribedPredicate<JavaClass> layer(String name) {
        return resideInAPackage(".." + name + "..").and(not(SHARED)).as("classes in a service's " + name + " package");
    }

    static DescribedPredicate<JavaClass> anyAdapter() {
        DescribedPredicate<JavaClass> any = layer(ADAPTERS[0]);
        for (int i = 1; i < ADAPTERS.length; i++) {
            any = any.or(layer(ADAPTERS[i]));
        }
        return any;
    }

    private static ArchCondition<JavaClass> implementAnInterfaceOf(String layerName) {
        DescribedPredicate<JavaClass> port = layer(layerName);
        return new ArchCondition<>("implement an interface of the service's " + layerName + " package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean implementsPort = item.getAllRawInterfaces().stream().anyMatch(port);
                events.add(new SimpleConditionEvent(item, implementsPort, item.getName()
                        + (implementsPort ? " implements" : " implements no") + " interface of " + layerName));
            }
        };
    }

    /** The field's type, or a type argument of it ({@code List<FieldChange>}), is a record of a domain package. */
    private static ArchCondition<JavaField> notCarryADomainRecord() {
        DescribedPredicate<JavaClass> domain = layer("domain");
        return new ArchCondition<>("carry no record of a domain package") {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                List<JavaClass> types = new ArrayList<>(List.of(field.getRawType().getBaseComponentType()));
                if (field.getType() instanceof JavaParameterizedType parameterized) {
                    parameterized.getActualTypeArguments().forEach(argument ->
                            types.add(argument.toErasure().getBaseComponentType()));
                }
                for (JavaClass type : types) {
                    if (type.isRecord() && domain.test(type)) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName()
                                + " carries the domain record " + type.getName()));
                    }
                }
            }
        };
    }

    /** A dependency on {@code com.cpor.<other>..} that is neither the class's own service nor shared code. */
    private static ArchCondition<JavaClass> dependOnAnotherService() {
        return new ArchCondition<>("depend on another service's classes") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = serviceOf(item.getPackageName());
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String other = serviceOf(target.getPackageName());
                    if (other != null && !other.equals(own) && !SHARED.test(target)) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code com.cpor.claimservice} for any package below it; null outside {@code com.cpor}. */
    static String serviceOf(String packageName) {
        if (!packageName.startsWith("com.cpor.")) {
            return null;
        }
        int end = packageName.indexOf('.', "com.cpor.".length());
        return end < 0 ? packageName : packageName.substring(0, end);
    }
}
