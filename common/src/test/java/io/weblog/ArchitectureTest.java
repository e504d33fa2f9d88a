package io.weblog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine stays free of its front doors: Maven, Jenkins and the CLI depend on it, never the other way. */
@AnalyzeClasses(packages = "io.weblog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commonImportsNothingFromMavenJenkinsOrPicocli = noClasses()
            .that().resideInAPackage("io.weblog..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.maven..", "org.codehaus.plexus..", "org.eclipse.aether..",
                    "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..",
                    "picocli..", "io.weblog.cli..", "io.weblog.maven..", "io.weblog.jenkins..")
            .because("common is the engine; the front doors translate into it, not the other way round");

    @ArchTest
    static final ArchRule theEngineNeverPrintsOrExits = noClasses()
            .that().resideInAPackage("io.weblog..")
            .should().callMethod(System.class, "exit", int.class)
            .orShould().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("events go to a listener and the caller decides the outcome");
}
