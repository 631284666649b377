package com.cpor.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's view: Debian's headless Chromium opens the link from the captured e-mail, sees the page in
 * Polish, declines, and the claim ends REJECTED (CUSTOMER_DECLINED). Needs the packages chromium and
 * chromium-driver ({@code .ci/run} installs them).
 */
class ConsentPageBrowserE2EIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser test needs Debian's Chromium: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void customer_opens_the_emailed_link_in_a_browser_sees_polish_and_declines() throws Exception {
        String customer = "anna+" + UUID.randomUUID() + "@contoso.example";
        String claimId = Claims.submitNewClaim(customer, "pl-PL");
        Claims.approve(claimId);
        String link = ConsentMail.linkIn(ConsentMail.awaitFor(customer));

        browser.get(link);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pl-PL");
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("1234567").containsIgnoringCase("teams");
        screenshot("consent-page-pl-PL.png");

        browser.findElement(By.id("decline-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#consent-status[data-status='DECLINED']")));
        screenshot("consent-declined-pl-PL.png");

        JsonNode claim = Claims.awaitClaim(claimId, c -> "REJECTED".equals(c.get("status").asString()));
        assertThat(claim.get("rejection").get("reason").asString()).isEqualTo("CUSTOMER_DECLINED");
    }

    private void screenshot(String name) throws Exception {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
