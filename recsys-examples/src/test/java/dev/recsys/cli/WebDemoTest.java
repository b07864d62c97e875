package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.web.WebDemo;
import dev.recsys.web.WebServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web demo's JSON API (input validation, status codes) and, in headless Chromium driven by Selenium, the page
 * itself: search a song, run a shuffle, see the explanations, see a listener's matches. The browser part skips when
 * Chromium or ChromeDriver is missing, unless {@code RECSYS_BROWSER_TEST=required} (as in CI), where it fails.
 */
class WebDemoTest {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";
  private static WebServer server;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    WebDemo demo = ServeCommand.synthetic(1500, 150, 7, 3, 1);
    server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), demo.routes());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void apiValidatesInputWithMessages() throws Exception {
    HttpResponse<String> tracks = get("api/tracks?q=a&limit=3");
    assertEquals(200, tracks.statusCode(), tracks.body());
    String id = tracks.body().replaceAll("(?s)^\\[\\{\"id\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> ok = get("api/shuffle?start=" + id + "&length=5&temperature=0.5");
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("\"factors\""), ok.body());
    HttpResponse<String> tooLong = get("api/shuffle?start=" + id + "&length=500");
    assertEquals(400, tooLong.statusCode());
    assertEquals("{\"error\":\"length must be in [2, 100]; length=500\"}", tooLong.body());
    HttpResponse<String> badWeight = get("api/shuffle?start=" + id + "&w.loudness=1");
    assertEquals(400, badWeight.statusCode());
    assertTrue(badWeight.body().contains("unknown feature weight 'w.loudness'"), badWeight.body());
    assertEquals(404, get("api/shuffle?start=nope").statusCode());
    assertEquals(400, get("api/shuffle").statusCode());
    assertEquals(404, get("api/nothing").statusCode());
    assertEquals(404, get("../etc/passwd").statusCode());
    assertEquals(414, get("api/tracks?q=" + "x".repeat(5000)).statusCode());
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "api/tracks?q=a"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    HttpResponse<String> similar = get("api/listeners/similar?id=listener_0&k=3");
    assertEquals(200, similar.statusCode(), similar.body());
    assertTrue(similar.body().contains("\"explanation\""), similar.body());
  }

  @Test
  void concurrentShufflesShareOneSamplerAndStayDeterministic() throws Exception {
    HttpResponse<String> tracks = get("api/tracks?q=a&limit=2");
    String[] ids = tracks.body().replaceAll("(?s)^\\[\\{\"id\":\"([^\"]+)\".*?\\{\"id\":\"([^\"]+)\".*", "$1 $2").split(" ");
    String a = "api/shuffle?start=" + ids[0] + "&length=40&seed=3&temperature=0.7";
    String b = "api/shuffle?start=" + ids[1] + "&length=60&seed=4&w.similarity=2";
    String first = get(a).body();
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String path = i % 2 == 0 ? a : b;
      all.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    String firstB = null;
    for (int i = 0; i < all.size(); i++) {
      HttpResponse<String> r = all.get(i).get();
      assertEquals(200, r.statusCode(), r.body());
      if (i % 2 == 0) {
        assertEquals(first, r.body(), "same request, same walk, whichever pooled buffers served it");
      } else if (firstB == null) {
        firstB = r.body();
      } else {
        assertEquals(firstB, r.body());
      }
    }
    assertTrue(!first.equals(firstB));
  }

  @Test
  void pageSearchesShufflesAndExplainsInARealBrowser() throws Exception {
    boolean present = java.nio.file.Files.isExecutable(java.nio.file.Path.of(CHROMIUM))
        && java.nio.file.Files.isExecutable(java.nio.file.Path.of(DRIVER));
    if (!present) {
      if ("required".equals(System.getenv("RECSYS_BROWSER_TEST"))) {
        throw new AssertionError("RECSYS_BROWSER_TEST=required but " + CHROMIUM + " or " + DRIVER + " is missing");
      }
      org.junit.jupiter.api.Assumptions.abort("headless Chromium or ChromeDriver not installed");
    }
    java.nio.file.Path profile = java.nio.file.Files.createTempDirectory("recsys-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1280,1600", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File(DRIVER))
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      driver.get(server.url());
      wait.until(d -> !d.findElement(By.id("catalog-info")).getText().startsWith("loading"));
      assertTrue(driver.findElement(By.id("catalog-info")).getText().contains("synthetic world"));
      assertTrue(driver.findElements(By.cssSelector("#weights input[type=range]")).size() >= 8, "weight sliders");

      driver.findElement(By.id("song-search")).sendKeys("a");
      wait.until(d -> !d.findElements(By.cssSelector("#song-suggestions li")).isEmpty());
      WebElement first = driver.findElements(By.cssSelector("#song-suggestions li")).get(0);
      String picked = first.getText();
      first.click();
      wait.until(d -> d.findElements(By.cssSelector("#smart-list li.pick")).size() >= 10);
      List<WebElement> picks = driver.findElements(By.cssSelector("#smart-list li.pick"));
      assertTrue(picks.get(0).getText().startsWith(picked.split(" \u2014 ")[0]), picks.get(0).getText() + " vs " + picked);
      assertTrue(driver.findElements(By.cssSelector("#smart-list .why .bar span")).size() >= 8, "explanation bars");
      assertTrue(driver.findElement(By.id("smart-list")).getText().contains("similarity"), "feature names shown");
      assertTrue(driver.findElements(By.cssSelector("#plain-list li")).size() >= 10, "plain shuffle beside it");

      String before = driver.findElement(By.id("smart-list")).getText();
      org.openqa.selenium.JavascriptExecutor js = driver;
      js.executeScript("const t = document.getElementById('temperature'); t.value = '0.05';"
          + "t.dispatchEvent(new Event('input'));");
      wait.until(d -> !d.findElement(By.id("smart-list")).getText().equals(before));

      driver.findElement(By.id("listener-search")).sendKeys("listener_1");
      wait.until(d -> !d.findElements(By.cssSelector("#listener-suggestions li")).isEmpty());
      driver.findElements(By.cssSelector("#listener-suggestions li")).get(0).click();
      wait.until(d -> d.findElements(By.cssSelector("#similar-list li")).size() >= 3
          && d.findElements(By.cssSelector("#recommendation-list li")).size() >= 3);
      assertTrue(Set.of("", "false").contains(String.valueOf(driver.findElement(By.id("listener-error")).getAttribute("hidden")))
          || driver.findElement(By.id("listener-error")).getText().isEmpty());

      java.nio.file.Path shot = java.nio.file.Path.of("target", "browser", "web-demo.png");
      java.nio.file.Files.createDirectories(shot.getParent());
      java.nio.file.Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
      assertTrue(java.nio.file.Files.size(shot) > 10_000);
    } finally {
      driver.quit();
    }
  }
}
