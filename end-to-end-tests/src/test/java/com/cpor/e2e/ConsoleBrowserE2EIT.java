package com.cpor.e2e;

import com.cpor.apiclient.ClaimFixtures;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lifecycle in a browser (Debian's headless Chromium): a partner signs in to the console, creates a claim
 * (first with a field the API refuses, shown next to the field), uploads a PDF and submits; a reviewer signs in and
 * asks for partner action with a reason; the partner signs in from the link in the e-mail, lands on the claim and
 * edits a contact (the fields locked after submission are shown disabled) and resubmits; the review lead hands the
 * review to another reviewer, who approves with the reason the contact-domain warning asks for; the customer
 * declines on the consent page from the e-mail (in Polish); the partner sees REJECTED (CUSTOMER_DECLINED) with the
 * history. The browser stands in Europe/Warsaw: times show in its zone; the upload shows its progress. Every console
 * page is checked with axe-core (no serious or critical violations) in English and Polish, and every link of every
 * e-mail of the claim opens a page.
 */
class ConsoleBrowserE2EIT {

    /** A link in an e-mail's text or HTML part (an address ends before whitespace, quotes, brackets or a final dot). */
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>()]+[^\\s\"'<>().,;:]");
    /** Not the machine's zone (UTC here): the pages must show times in the browser's. */
    private static final String BROWSER_ZONE = "Europe/Warsaw";

    private HeadlessChromium chromium;
    private WebDriver browser;
    private String console;
    private final List<String> checkedPages = new ArrayList<>();

    @BeforeEach
    void openConsole() {
        console = E2EPlatform.get().startConsole().baseUrl();
        chromium = new HeadlessChromium();
        chromium.timeZone(BROWSER_ZONE);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void partner_and_reviewer_take_a_claim_through_review_resubmission_approval_and_customer_decline() throws Exception {
        String partnerMail = "piotr+" + UUID.randomUUID() + "@partner-one.example";
        String customerMail = "anna+" + UUID.randomUUID() + "@contoso.example";

        // the partner signs in at the start page: the provider's login page lists the sample users
        browser.get(console + "/");
        accessible("identity provider login page");
        signInAs("partner-admin");
        awaitPath("/claims");
        // the first page after sign-in is shown again in the browser's zone once the browser has told it
        waitFor(By.cssSelector("body[data-zone='" + BROWSER_ZONE + "']"));
        accessible("claims list (en-US)");

        // create: a tenant id that is not a UUID is refused by the API and shown next to its field
        browser.findElement(By.linkText("New claim")).click();
        awaitPath("/claims/new");
        accessible("create form (en-US)");
        fillClaimForm("not-a-uuid", customerMail, partnerMail);
        // the rules as the user types: products of the chosen solution area only, the contact outside the domain
        assertThat(browser.findElement(By.id("product-DYNAMICS_365_SALES")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("domain-mismatch")).isDisplayed()).isTrue();
        browser.findElement(By.id("create-claim")).click();
        WebElement tenantError = waitFor(By.cssSelector(".field-error[data-field='customer.tenantId']"));
        assertThat(tenantError.getText()).isNotBlank();
        accessible("create form with field errors (en-US)");
        replace("customerTenantId", UUID.randomUUID().toString());
        browser.findElement(By.id("create-claim")).click();
        waitFor(By.cssSelector("#claim-status[data-status='EDITING']"));
        String claimId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

        // upload the PoE and submit
        Path pdf = Files.createTempFile("poe-", ".pdf");
        Files.write(pdf, ClaimFixtures.pdf());
        browser.findElement(By.id("file")).sendKeys(pdf.toString());
        browser.findElement(By.id("upload")).click();
        waitFor(By.linkText(pdf.getFileName().toString()));
        // sent by htmx: the progress display stays through the swap of the page and ends at 100 %
        assertThat(browser.findElement(By.id("upload-progress")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("upload-progress-bar")).getDomProperty("value")).isEqualTo("100");
        assertThat(browser.findElement(By.id("upload-progress-text")).getText()).isEqualTo("100 %");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isNotBlank();
        accessible("claim page, editing (en-US)");
        browser.findElement(By.id("submit")).click();
        waitFor(By.cssSelector("#claim-status[data-status='SUBMITTED']"));
        signOut();

        // the reviewer, in Polish, asks the partner for action with a reason
        Claims.awaitReviewQueued(claimId);
        browser.get(console + "/reviews?lang=pl-PL");
        signInAs("reviewer");
        awaitPath("/reviews");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pl-PL");
        accessible("review queue (pl-PL)");
        browser.findElement(By.cssSelector("tr[data-claim-id='" + claimId + "'] a")).click();
        awaitPath("/reviews/" + claimId);
        accessible("review page (pl-PL)");
        assertThat(browser.findElement(By.id("domain-warning")).getText()).contains("contoso.example");
        browser.findElement(By.id("start-review")).click();
        waitFor(By.cssSelector("#review-status[data-status='IN_REVIEW']"));
        browser.findElement(By.id("reason-MISSING_CUSTOMER_ACKNOWLEDGEMENT")).click();
        browser.findElement(By.id("partner-action-comment")).sendKeys("Please upload the PoE signed by the customer.");
        browser.findElement(By.id("request-partner-action")).click();
        waitFor(By.cssSelector("#review-status[data-status='AWAITING_PARTNER']"));
        signOut();

        // the partner follows the link in the e-mail, signs in and lands on the claim
        String link = claimLinkIn(awaitMail(partnerMail, 1).getFirst());
        assertThat(link).isEqualTo(console + "/claims/" + claimId);
        browser.get(link);
        signInAs("partner-admin");
        awaitPath("/claims/" + claimId);
        awaitStatusAfterRefresh("PARTNER_ACTION_REQUIRED");
        assertThat(browser.findElement(By.id("deadlines")).getText()).contains(BROWSER_ZONE);
        accessible("claim page, partner action required (pl-PL)");

        // after submission the edit form changes contacts, products and the MPN ID only
        browser.findElement(By.id("edit")).click();
        awaitPath("/claims/" + claimId + "/edit");
        assertThat(browser.findElement(By.id("name")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("customerTenantId")).isEnabled()).isFalse();
        accessible("edit form, partner action required (pl-PL)");
        replace("customerContactTitle", "CTO");
        browser.findElement(By.id("save-claim")).click();
        awaitPath("/claims/" + claimId);
        assertThat(waitFor(By.id("customer-contact")).getText()).contains("CTO");
        browser.findElement(By.id("resubmit")).click();
        waitFor(By.cssSelector("#claim-status[data-status='SUBMITTED']"));
        signOut();

        // the review lead hands the resubmitted review to another reviewer, chosen from the provider's reviewers
        browser.get(console + "/reviews/" + claimId);
        signInAs("review-lead");
        awaitPath("/reviews/" + claimId);
        awaitAfterRefresh(By.id("start-review"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reviewer-id"))).selectByValue("reviewer-2");
        browser.findElement(By.id("reassign")).click();
        assertThat(waitFor(By.id("assigned-reviewer")).getText()).isEqualTo("Ivan Petrov");
        signOut();

        // who approves: the contact's e-mail is not in the customer's domain, so the approval gives a reason
        browser.get(console + "/reviews/" + claimId);
        signInAs("reviewer-2");
        awaitPath("/reviews/" + claimId);
        browser.findElement(By.id("start-review")).click();
        waitFor(By.cssSelector("#review-status[data-status='IN_REVIEW']"));
        browser.findElement(By.id("contact-domain-reason")).sendKeys("The customer uses contoso.example for mail.");
        browser.findElement(By.id("approve")).click();
        waitFor(By.cssSelector("#review-status[data-status='DECIDED']"));
        signOut();

        // the customer declines on the consent page (Polish) from the e-mail
        browser.get(ConsentMail.linkIn(ConsentMail.awaitFor(customerMail)));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pl-PL");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("1234567").containsIgnoringCase("teams");
        browser.findElement(By.id("decline-button")).click();
        waitFor(By.cssSelector("#consent-status[data-status='DECLINED']"));

        // the partner sees the rejection and its history
        browser.get(console + "/claims/" + claimId);
        signInAs("partner-admin");
        awaitPath("/claims/" + claimId);
        awaitStatusAfterRefresh("REJECTED");
        assertThat(browser.findElement(By.id("claim-status")).getAttribute("data-reason")).isEqualTo("CUSTOMER_DECLINED");
        assertThat(browser.findElements(By.cssSelector("#history tbody tr")).size()).isGreaterThanOrEqualTo(6);
        accessible("claim page, rejected (pl-PL)");
        chromium.screenshot("console-claim-rejected-pl-PL.png");

        // every link in every e-mail about the claim opens a console page (signed in as the partner here)
        List<MimeMessage> partnerMails = awaitMail(partnerMail, 3);
        for (MimeMessage mail : partnerMails) {
            Matcher links = LINK.matcher(ConsentMail.textOf(mail));
            while (links.find()) {
                browser.get(links.group());
                assertThat(browser.findElements(By.id("problem-status"))).as(links.group()).isEmpty();
                assertThat(browser.findElement(By.id("claim-status")).getText()).as(links.group()).isNotBlank();
            }
        }
        assertThat(checkedPages).hasSize(10);
    }

    private void fillClaimForm(String tenantId, String customerMail, String partnerMail) {
        replace("name", "Contoso — Teams usage (console)");
        replace("customerTenantId", tenantId);
        replace("customerDomain", "contoso.onmicrosoft.com");
        replace("customerName", "Contoso Ltd");
        browser.findElement(By.id("product-TEAMS")).click();
        replace("customerContactName", "Anna Kowalska");
        replace("customerContactTitle", "CIO");
        replace("customerContactEmail", customerMail);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("customerContactLocale"))).selectByValue("pl-PL");
        replace("partnerContactName", "Piotr Nowak");
        replace("partnerContactEmail", partnerMail);
    }

    private void replace(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private void signInAs(String user) {
        waitFor(By.id("user-" + user)).click();
    }

    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
    }

    private void awaitPath(String path) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page ->
                java.net.URI.create(page.getCurrentUrl()).getPath().equals(path));
    }

    private void awaitAfterRefresh(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500)).until(page -> {
            if (!page.findElements(element).isEmpty()) {
                return true;
            }
            page.navigate().refresh();
            return false;
        });
    }

    private void awaitStatusAfterRefresh(String status) {
        new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(500)).until(page -> {
            if (status.equals(page.findElement(By.id("claim-status")).getAttribute("data-status"))) {
                return true;
            }
            page.navigate().refresh();
            return false;
        });
    }

    private WebElement waitFor(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private void accessible(String page) {
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the %s", page).isEqualTo("[]");
        checkedPages.add(page);
    }

    private static List<MimeMessage> awaitMail(String address, int count) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> E2EPlatform.get().mail().messagesTo(address), found -> found.size() >= count);
    }

    private static String claimLinkIn(MimeMessage mail) {
        Matcher link = LINK.matcher(ConsentMail.textOf(mail));
        assertThat(link.find()).as("a link in the e-mail").isTrue();
        return link.group();
    }
}
