package com.cpor.platform;

import com.cpor.platform.testsupport.architecture.PlatformSupportArchitecture;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/** platform-support's own rules (docs/architecture.md): no package cycles, mechanisms apart from their wiring. */
@AnalyzeClasses(packages = "com.cpor.platform",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.PlatformSupportOnly.class})
class ArchitectureTest {

    /** platform-test-support shares the package root; its classes are not platform-support's. */
    static final class PlatformSupportOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/com/cpor/platform/testsupport/");
        }
    }

    @ArchTest
    static final ArchTests platform_rules = ArchTests.in(PlatformSupportArchitecture.class);
}
