package org.peertracker.systemtests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * What the field app's browser tests do on its pages, as a peer would: fill a form's fields, tap as a thumb does,
 * send a form; and switch the phone's network.
 */
final class FieldForms {

    static WebElement field(WebElement form, String name) {
        return form.findElement(By.cssSelector("[data-field='" + name + "']"));
    }

    static void type(WebElement form, String name, String text) {
        var input = field(form, name).findElement(By.cssSelector("input, textarea"));
        input.clear();
        input.sendKeys(text);
    }

    static void choose(ChromeDriver browser, WebElement form, String name, String value) {
        tap(browser, option(field(form, name), value));
    }

    /** A choice as a peer taps it: its label, drawn as a button over the (transparent) radio button or checkbox. */
    static WebElement option(WebElement within, String value) {
        return within.findElement(By.cssSelector("input[value='" + value + "']"))
                .findElement(By.xpath(".."));
    }

    /** Taps an element as a thumb would: scrolled to the middle of the screen first, clear of the tab bar. */
    static void tap(ChromeDriver browser, WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Sends the form, after hiding the last "saved" message, so that the next one is this form's. */
    static void submit(ChromeDriver browser, WebElement form) {
        browser.executeScript("document.getElementById('toast').classList.remove('shown')");
        tap(browser, form.findElement(By.cssSelector("button[type=submit]")));
    }

    /** Starts an outreach session in this area at this kind of site, and waits until the app shows it open. */
    static void startSession(ChromeDriver browser, String area, String siteType) {
        var start = browser.findElement(By.id("start-form"));
        type(start, "area", area);
        choose(browser, start, "siteType", siteType);
        submit(browser, start);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("session-open")).isDisplayed());
    }

    /**
     * The browser's network on or off: the page hears "offline" and "online". Set through chromedriver, which keeps
     * the conditions across reloads (a DevTools command alone is dropped by the next navigation).
     */
    static void network(ChromeDriver browser, boolean online) {
        conditions(browser, online ? Duration.ZERO : null, 100_000_000);
    }

    /** Throttled ({@code latency}, bytes per second each way), or offline when {@code latency} is null. */
    static void conditions(ChromeDriver browser, Duration latency, int bytesPerSecond) {
        var conditions = new ChromiumNetworkConditions();
        conditions.setOffline(latency == null);
        conditions.setLatency(latency == null ? Duration.ZERO : latency);
        conditions.setDownloadThroughput(bytesPerSecond);
        conditions.setUploadThroughput(bytesPerSecond);
        browser.setNetworkConditions(conditions);
    }

    private FieldForms() {}
}
