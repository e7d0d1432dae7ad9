package io.alliancewatch.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alliancewatch.e2e.system.Browser;
import io.alliancewatch.e2e.system.Http;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard as a reader sees it, read in one go (the page redraws a card whenever a record
 * arrives, so elements found one by one could be gone by the next call).
 */
final class DashboardPage {

  /**
   * What the page shows now. {@code scoresState}, {@code alertsState}: each service's state in the
   * header ({@code live}, {@code connecting}, {@code reconnecting}, {@code down}) and its words;
   * {@code alertsNote}: what the alerts panel says when no alert is shown (else null); {@code
   * alertsStale}: whether the alerts panel is marked as possibly out of date.
   */
  record Snapshot(
      Map<String, Card> cards,
      List<ShownAlert> alerts,
      String scoresState,
      String scoresStatus,
      String alertsState,
      String alertsStatus,
      String alertsNote,
      boolean alertsStale) {}

  /**
   * One alliance's card: its full name, its scores, whether it is flagged or marked stale, its
   * driver events.
   */
  record Card(
      String name,
      Score cohesion,
      Score risk,
      boolean alerting,
      boolean stale,
      List<Driver> drivers) {

    Optional<Driver> driver(String id) {
      return drivers.stream().filter(driver -> driver.id().equals(id)).findFirst();
    }
  }

  /** A driver event as shown: its id and its effect in words ({@code +0.20}). */
  record Driver(String id, String effect) {}

  /** A score as the page holds it ({@code value}) and as it shows it ({@code text}). */
  record Score(double value, String text) {}

  /** An alert in the active-alerts panel. */
  record ShownAlert(String alertId, String allianceId, String text) {}

  private static final String READ =
      """
      const score = (card, metric) => {
        const box = card.querySelector(`.score[data-metric="${metric}"]`);
        return { value: Number(box.dataset.value), text: box.querySelector('.value').textContent };
      };
      const cards = {};
      for (const card of document.querySelectorAll('article.card')) {
        cards[card.dataset.alliance] = {
          name: card.querySelector('.card-head .name').textContent,
          cohesion: score(card, 'cohesion'),
          risk: score(card, 'risk'),
          alerting: card.dataset.alerting === 'true',
          stale: card.dataset.stale === 'true',
          drivers: [...card.querySelectorAll('.drivers li')].map((li) => ({
            id: li.dataset.id, effect: li.querySelector('.num').textContent })),
        };
      }
      const alerts = [...document.querySelectorAll('#active-alerts li')].map((li) => ({
        alertId: li.dataset.alertId, allianceId: li.dataset.alliance, text: li.textContent }));
      const scores = document.getElementById('status-scores');
      const alertService = document.getElementById('status-alerts');
      const note = document.getElementById('no-alerts');
      return JSON.stringify({ cards, alerts,
        scoresState: scores.dataset.state, scoresStatus: scores.textContent,
        alertsState: alertService.dataset.state, alertsStatus: alertService.textContent,
        alertsNote: note.hidden ? null : note.textContent,
        alertsStale: document.getElementById('alerts').dataset.stale === 'true' });
      """;

  private final Browser browser;

  DashboardPage(Browser browser) {
    this.browser = browser;
  }

  Snapshot read() {
    try {
      return Http.JSON.readValue((String) browser.script(READ), Snapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the sign-in page shows (and the dashboard does not). */
  boolean signInShown() {
    return (Boolean)
        browser.script(
            "return !document.getElementById('sign-in').hidden"
                + " && document.getElementById('dashboard').hidden");
  }

  boolean dashboardShown() {
    return (Boolean) browser.script("return !document.getElementById('dashboard').hidden");
  }

  String signInError() {
    return (String) browser.script("return document.getElementById('sign-in-error').textContent");
  }

  String signedInAs() {
    return (String) browser.script("return document.getElementById('who').textContent");
  }

  /** Pastes a token into the sign-in form and submits it, as a reader does. */
  void submitToken(String token) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(this::signInShown);
    var field = browser.driver().findElement(org.openqa.selenium.By.id("token"));
    field.clear();
    // the value set at once rather than typed key by key: a JWT is about 600 characters
    browser.script("arguments[0].value = arguments[1]", field, token);
    browser.driver().findElement(org.openqa.selenium.By.id("sign-in-button")).click();
  }

  /** Signs in with {@code token} and waits until the dashboard shows. */
  void signIn(String token) {
    submitToken(token);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(this::dashboardShown);
  }

  void signOut() {
    browser.driver().findElement(org.openqa.selenium.By.id("sign-out")).click();
  }

  /** Marks the loaded document, so that a reload (which would lose the mark) shows. */
  void mark(String mark) {
    browser.script("window.__dashboardMark = arguments[0]", mark);
  }

  Object mark() {
    return browser.script("return window.__dashboardMark");
  }

  /** Whether the page is no wider than the window (nothing to scroll sideways). */
  boolean fitsTheWindow() {
    return (Boolean)
        browser.script("return document.documentElement.scrollWidth <= window.innerWidth");
  }
}
