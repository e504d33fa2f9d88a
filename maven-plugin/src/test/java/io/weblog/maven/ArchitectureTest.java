package io.weblog.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The plugin is a front door: it reaches the engine through its API, never through another front door or a tool. */
@AnalyzeClasses(packages = "io.weblog.maven", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule thePluginUsesTheEngineAloneOfWeblog = noClasses()
            .that().resideInAPackage("io.weblog.maven..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "picocli..", "io.weblog.cli..", "io.weblog.jenkins..", "io.weblog.generate..", "io.weblog.demo..")
            .because("the Maven plugin translates Maven's world into the engine's; the command line and the tools "
                    + "are other front doors and are not shipped with it");

    @ArchTest
    static final ArchRule thePluginPrintsOnlyThroughMavensLog = noClasses()
            .that().resideInAPackage("io.weblog.maven..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("a build's output goes through Maven's log, where -q and -l apply");
}
