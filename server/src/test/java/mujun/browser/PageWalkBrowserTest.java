package mujun.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mujun.support.Browser;
import mujun.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Every persona walks every view of the staff app, and the panels and forms that open from them, and the public pages, in
 * Chinese and in English: no page shows a dictionary key the
 * interface could not translate (camelCase or dotted keys), a code meant for programs (snake_case values such as
 * idle_not_started, SCREAMING_CODES such as TOO_LARGE) or a JavaScript leftover (undefined, NaN, [object Object]).
 */
class PageWalkBrowserTest {
  static WebDriver d;

  /** What a person should never read: untranslated keys, program codes, JavaScript leftovers. */
  static final Pattern RAW = Pattern.compile("\\b(?!kWh\\b|mjt_)(?:[a-z]+[A-Z][A-Za-z]*|[a-z]+(?:_[a-z0-9]+)+|[A-Z]{2,}(?:_[A-Z0-9]+)+|[a-zA-Z]+\\.[a-z][A-Za-z]+|undefined|NaN)\\b"
      + "|\\[object Object\\]");

  /**
   * What opens a panel or a form without acting, in the order a person would open them: evaluation runs and an
   * enterprise's explanation, offerings and the new-offering and standards forms, clusters, enterprises and the new
   * cluster and enterprise forms, low-efficiency tags, methods in the editor, assessment runs, the admin's tabs.
   */
  static final List<String> OPENERS = List.of("#ev-runs-table tbody tr", "#ev-results tbody tr", "#sl-table tbody tr", "#sl-new-btn",
      "#sl-std-btn", "[data-cluster]", "[data-ent]", "#reg-new-cluster", "#reg-new-ent", "#le-table tbody tr[data-id]", "[data-open]",
      "[data-run]", "[data-tab=tokens]", "[data-tab=audit]");

  @BeforeAll
  static void open() {
    TestApp.get();
    d = Browser.open(1400, 900);
  }

  @AfterAll
  static void close() {
    if (d != null) d.quit();
  }

  /** The raw texts on the page now (its visible text, and the tooltips and placeholders people also read). */
  static Set<String> raw(String where) {
    // Each text node by itself (two tags side by side are two texts, not one word), shown ones only.
    // What a closed <details> holds is not read until it is opened (the method editor's JSON); what is shown as it is
    // typed ([data-literal]: a token's random prefix, which may look like anything) is data, not a program's code.
    String text = (String) ((JavascriptExecutor) d).executeScript("const out = [], w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
        + "const shown = (e) => e.getClientRects().length && !(e.closest('details:not([open])') && !e.closest('summary'));"
        + "for (let n = w.nextNode(); n; n = w.nextNode()) { const e = n.parentElement;"
        + "  if (e && !['SCRIPT', 'STYLE'].includes(e.tagName) && shown(e) && !e.closest('[data-literal]')) out.push(n.textContent); }"
        + "for (const e of document.querySelectorAll('[title],[placeholder]')) if (shown(e)) out.push(e.title || '', e.placeholder || '');"
        + "return out.join('\\n');");
    Set<String> found = new LinkedHashSet<>();
    Matcher m = RAW.matcher(text);
    while (m.find()) found.add(where + ": " + m.group());
    return found;
  }

  static void settle() {
    try {
      Thread.sleep(1200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void noPersonaReadsARawKeyOrCodeOnAnyPage() {
    List<String> found = new ArrayList<>();
    for (String user : List.of("t-admin", "t-resources", "t-city", "t-park", "t-coord", "t-viewer")) {
      Browser.signIn(d, user, "");
      for (String lang : List.of("zh", "en")) {
        // The same session in the other language (the app remembers the choice per browser).
        if (lang.equals("en")) {
          d.get(TestApp.base() + "/app?lang=en");
          new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(20))
              .until(x -> x.findElement(By.id("nav")).getAttribute("hidden") == null);
        }
        settle();
        found.addAll(raw(user + " " + lang + " map"));
        List<String> views = new ArrayList<>();
        for (WebElement b : d.findElements(By.cssSelector("#nav [data-view]"))) if (b.isDisplayed()) views.add(b.getAttribute("data-view"));
        for (String view : views) {
          d.findElement(By.cssSelector("#nav [data-view=" + view + "]")).click();
          settle();
          found.addAll(raw(user + " " + lang + " " + view));
          // And what opens from it: the first row's details, an editor, a form, each tab (never a button that acts).
          for (String opener : OPENERS) {
            List<WebElement> first = d.findElements(By.cssSelector(opener));
            WebElement e = first.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
            if (e == null) continue;
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", e);
            settle();
            found.addAll(raw(user + " " + lang + " " + view + " → " + opener));
          }
        }
      }
    }
    for (String page : List.of("/?lang=zh", "/reports.html?lang=zh", "/?lang=en", "/reports.html?lang=en")) {
      d.manage().deleteAllCookies();
      d.get(TestApp.base() + page);
      settle();
      found.addAll(raw("public " + page));
    }
    assertThat(found).as("raw keys or codes a person would read").isEmpty();
  }
}
