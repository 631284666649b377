package com.cpor.notificationservice;

import com.cpor.platform.testsupport.architecture.HexagonalArchitecture;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/** The house layout (docs/architecture.md), kept by the rules every service shares. */
@AnalyzeClasses(packages = "com.cpor.notificationservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests ports_and_adapters = ArchTests.in(HexagonalArchitecture.class);
}
