package com.cpor.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's Chromium and chromedriver (packages chromium and chromium-driver; {@code .ci/run} installs them),
 * headless, with a fresh profile; axe-core from the test classpath (the org.webjars.npm:axe-core jar, nothing is
 * downloaded at test time) to check a page's accessibility.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String AXE = "META-INF/resources/webjars/axe-core/" + System.getProperty("axe.version", "4.6.3")
            + "/axe.min.js";

    private final ChromeDriver browser;

    HeadlessChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser test needs Debian's Chromium: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        try {
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--lang=en-US", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
            ChromeDriverService driver = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            browser = new ChromeDriver(driver, options);
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return browser;
    }

    /** The browser's time zone from now on (DevTools emulation), as if the machine stood in {@code zone}. */
    void timeZone(String zone) {
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    /**
     * Runs axe-core on the current page and returns its serious and critical violations (rule, impact, help and the
     * offending elements), as JSON; {@code []} when there are none. Frames are not entered (a PoE preview is a
     * document, not a page of ours).
     */
    String seriousAccessibilityViolations() {
        JavascriptExecutor script = browser;
        script.executeScript(axeSource());
        Object result = script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations'], iframes: false})
                  .then(r => done(JSON.stringify(r.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => ({rule: v.id, impact: v.impact, help: v.help,
                                  nodes: v.nodes.map(n => n.target.join(' '))})))))
                  .catch(e => done('axe failed: ' + e));
                """);
        return String.valueOf(result);
    }

    void screenshot(String name) {
        try {
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots", name);
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource() {
        try (InputStream in = HeadlessChromium.class.getClassLoader().getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IllegalStateException(AXE + " is not on the test classpath (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        browser.quit();
    }
}
