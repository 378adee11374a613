package io.concierge;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** What Spring Modulith does not check by itself. */
@AnalyzeClasses(packages = "io.concierge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule views_never_touch_repositories = noClasses().that().resideInAPackage("..ui..")
            .should().dependOnClassesThat().areAssignableTo(Repository.class)
            .because("views call their module's service, which checks access");

    @ArchTest
    static final ArchRule domain_never_imports_vaadin = noClasses().that().resideOutsideOfPackages("..ui..", "..embedded..")
            .and().haveSimpleNameNotEndingWith("Config")
            .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
            .because("only views depend on Vaadin");
}
