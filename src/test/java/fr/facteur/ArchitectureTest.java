package fr.facteur;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import fr.facteur.process.ExtractionContract;
import fr.facteur.process.ExtractionFlags;
import fr.facteur.process.ProcessVariables;
import org.junit.jupiter.api.Test;

/** The floors of ARCHITECTURE.md: dependencies point down, never up, and never in a cycle. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.facteur");

    private static final String[] ENTRY_POINTS = {"fr.facteur.web..", "fr.facteur.workflow..", "fr.facteur.security..",
        "fr.facteur.worker.."};
    private static final String[] LEAVES = {"fr.facteur.chorus..", "fr.facteur.extraction..",
        "fr.facteur.purchasing..", "fr.facteur.payment..", "fr.facteur.identifiers.."};

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("fr.facteur.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void captureIsCalledByEntryPointsOnly() {
        noClasses().that().resideInAnyPackage(concat(LEAVES, "fr.facteur.invoice..", "fr.facteur.archive.."))
                .should().dependOnClassesThat().resideInAnyPackage(concat(ENTRY_POINTS, "fr.facteur.capture..",
                        "fr.facteur.emission.."))
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void archiveKnowsNothingOfInvoices() {
        noClasses().that().resideInAPackage("fr.facteur.archive..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.facteur.invoice..", "fr.facteur.capture..")
                .check(CLASSES);
    }

    @Test
    void leafCapabilitiesImportNothingAbove() {
        noClasses().that().resideInAnyPackage(LEAVES)
                .should().dependOnClassesThat().resideInAnyPackage(concat(ENTRY_POINTS, "fr.facteur.capture..",
                        "fr.facteur.emission..", "fr.facteur.invoice..", "fr.facteur.archive..",
                        "fr.facteur.notification.."))
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    /** Chorus Pro, extraction, purchase orders and payment rules are separate capabilities; identifiers serve all. */
    @Test
    void leafCapabilitiesAreIndependentOfEachOther() {
        for (String leaf : LEAVES) {
            if (leaf.equals("fr.facteur.identifiers..")) {
                continue;
            }
            String[] others = java.util.Arrays.stream(LEAVES)
                    .filter(other -> !other.equals(leaf) && !other.equals("fr.facteur.identifiers.."))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(leaf)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(CLASSES);
        }
    }

    /** A wing per BPMN file: a change to one process stays in its wing (shared helpers live in process/). */
    @Test
    void processWingsAreIndependentOfEachOther() {
        slices().matching("fr.facteur.workflow.(*)..").should().notDependOnEachOther().check(CLASSES);
    }

    @Test
    void onlyTheChorusPackageKnowsTheChorusApi() {
        noClasses().that().resideOutsideOfPackage("fr.facteur.chorus..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.facteur.chorus.api..", "feign..")
                .check(CLASSES);
    }

    @Test
    void theApplicationDoesNotDependOnTheEmulator() {
        noClasses().that().resideOutsideOfPackage("fr.facteur.chorus.emulator..")
                .should().dependOnClassesThat().resideInAPackage("fr.facteur.chorus.emulator..")
                .check(CLASSES);
    }

    @Test
    void entryPointsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("fr.facteur.web..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.facteur.workflow..", "fr.facteur.security..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("fr.facteur.workflow..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.facteur.web..", "fr.facteur.security..")
                .check(CLASSES);
    }

    /** The emulator stands in for Chorus Pro and suppliers, which make their own PDFs and Factur-X. */
    @Test
    void documentLibrariesStayInExtraction() {
        noClasses().that().resideOutsideOfPackages("fr.facteur.extraction..", "fr.facteur.chorus.emulator..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "net.sourceforge.tess4j..",
                        "org.mustangproject..")
                .check(CLASSES);
    }

    /**
     * A separate OCR worker has no database and no engine: of Facteur it knows the extraction it runs
     * and the contract of the {@code invoice-extraction} task, and reaches the rest through HTTP.
     */
    @Test
    void theOcrWorkerKnowsFacteurOnlyThroughHttp() {
        classes().that().resideInAPackage("fr.facteur.worker..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("fr.facteur..").or(resideInAnyPackage(
                        "fr.facteur.worker..", "fr.facteur.extraction..", "fr.facteur.identifiers..")
                        .or(belongToAnyOf(ExtractionContract.class, ExtractionFlags.class, ProcessVariables.class))))
                .check(CLASSES);
        noClasses().that().resideInAPackage("fr.facteur.worker..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine..",
                        "org.springframework.jdbc..")
                .check(CLASSES);
    }

    /**
     * The engine API is used where processes are run ({@code workflow/}, {@code capture/} which starts
     * them, {@code process/} which reads them for the pages) and guarded ({@code security/},
     * {@code config/}); the pages, the records and the capabilities below never touch it.
     */
    @Test
    void theEngineStaysBehindProcessesAndCapture() {
        noClasses().that().resideInAnyPackage(concat(LEAVES, "fr.facteur.web..", "fr.facteur.invoice..",
                        "fr.facteur.archive..", "fr.facteur.worker.."))
                .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine..")
                .check(CLASSES);
    }

    private static String[] concat(String[] first, String... more) {
        String[] result = new String[first.length + more.length];
        System.arraycopy(first, 0, result, 0, first.length);
        System.arraycopy(more, 0, result, first.length, more.length);
        return result;
    }
}
