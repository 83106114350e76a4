package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cast2md.testing.FakeRunPod;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser (Debian's headless Chromium) against the real server: who may
 * use it, a feed added from a local publisher, its transcript read, a pod created on the fake
 * RunPod (running the real worker) and watched to ready without a reload, then terminated. Every
 * screen is kept as a screenshot in {@code target/screenshots} for a reviewer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleIT {
  static final Path FEEDS =
      Path.of(System.getProperty("shared.dir", "../../shared"), "testdata", "feeds");
  static final Path SHOTS = Path.of("target/screenshots");
  static final List<String> POD_SETTINGS =
      List.of("RUNPOD_ENABLED", "RUNPOD_WHISPER_MODEL", "RUNPOD_AUTO_SCALE");

  static final LibertyServer server = LibertyServer.get();
  static final Api api = new Api(server.base());
  static final Api anonymous = Api.anonymous(server.base());
  static HttpServer publisher;
  static String publisherBase;
  static WebDriver driver;
  static FakeRunPod fake;
  static WorkerContainers containers;
  static Long feedId;

  @BeforeAll
  static void start() throws IOException {
    Files.createDirectories(SHOTS);
    publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    publisherBase = "http://127.0.0.1:" + publisher.getAddress().getPort();
    String feed =
        Files.readString(FEEDS.resolve("podcast-transcript-srt_podcasting20.xml"))
            .replaceAll("url=\"https?://[^/\"]+/", "url=\"" + publisherBase + "/");
    byte[] srt = Files.readAllBytes(FEEDS.resolve("transcript_podcasting20-ep124.srt"));
    publisher.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body = new byte[0];
          int status = 200;
          if (path.equals("/console-feed.xml")) {
            body = feed.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
          } else if (path.endsWith(".srt")) {
            body = srt;
            exchange.getResponseHeaders().add("Content-Type", "application/srt");
          } else {
            status = 404;
          }
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    publisher.start();

    Path root = Files.createDirectories(Path.of("target/admin-console"));
    containers = new WorkerContainers(root);
    fake = containers.startFakeRunPod(server);

    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1400,1000",
        "--user-data-dir=" + Files.createTempDirectory(root, "chrome-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, o);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    stopBatchRuns();
    api.delete("/api/runpod/pods");
    for (String key : POD_SETTINGS) {
      api.delete("/api/settings/" + key);
    }
    if (feedId != null) {
      api.delete("/api/feeds/" + feedId);
    }
    containers.killAll();
    fake.close();
    publisher.stop(0);
  }

  @Test
  @Order(1)
  void strangersAreRefused() throws Exception {
    Api.Reply api401 = anonymous.get("/api/settings");
    assertEquals(401, api401.status(), api401.body());
    assertTrue(api401.header("WWW-Authenticate").startsWith("Basic"));
    assertEquals(
        401,
        anonymous
            .get("/api/queue", "Authorization", Api.basic("admin", "not-the-password"))
            .status());
    assertEquals(
        401, anonymous.get("/api/queue", "Authorization", "Bearer c2m_not-a-token").status());
    assertEquals(401, anonymous.post("/api/runpod/pods", Map.of()).status());
    assertEquals(401, anonymous.get("/api/admin/tokens").status());
    // an admin path dressed up as an open one is still an admin path
    // (Liberty itself refuses encoded dots and slashes before any filter runs)
    Api.Reply dressed = anonymous.get("/api/nodes/jobs/1/%2e%2e/%2e%2e/%2e%2e/settings");
    assertTrue(dressed.status() >= 400 && !dressed.body().contains("QUEUE_"), dressed.body());
    // what has its own credential stays open to it
    assertEquals(200, anonymous.get("/api/health").status());
    Api.Reply register =
        anonymous.post("/api/nodes/register", Map.of("name", "stranger", "url", "http://x"));
    assertEquals(401, register.status(), "the node protocol's own answer: " + register.body());
    assertEquals(200, api.get("/api/settings").status(), "the administrator gets in");

    Api.Reply page = anonymous.get("/runpod.xhtml");
    assertEquals(302, page.status());
    assertTrue(page.header("Location").endsWith("/login.xhtml"), page.header("Location"));
    Api.Reply login = anonymous.get("/login.xhtml");
    assertEquals(200, login.status());
    assertTrue(login.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    assertEquals("nosniff", login.header("X-Content-Type-Options"));
    assertEquals("DENY", login.header("X-Frame-Options"));
    assertEquals("same-origin", login.header("Referrer-Policy"));

    driver.get(server.base() + "/settings.xhtml");
    assertTrue(driver.getCurrentUrl().endsWith("/login.xhtml"), driver.getCurrentUrl());
    driver.findElement(By.id("login:user")).sendKeys("admin");
    driver.findElement(By.id("login:password")).sendKeys("wrong");
    driver.findElement(By.id("login:submit")).click();
    awaitText("login:messages", "Wrong user or password");
    shot("00-login");
  }

  @Test
  @Order(2)
  void theAdministratorLogsInAndSeesTheDashboard() throws Exception {
    login();
    assertTrue(driver.getCurrentUrl().endsWith("/index.xhtml"), driver.getCurrentUrl());
    assertEquals("Dashboard", driver.findElement(By.tagName("h1")).getText());
    assertNotNull(driver.findElement(By.cssSelector("svg.chart")));
    shot("01-dashboard");

    // a cross-site form post with the administrator's cookie is refused, page and API alike
    String cookie = "JSESSIONID=" + driver.manage().getCookieNamed("JSESSIONID").getValue();
    HttpClient http = HttpClient.newHttpClient();
    for (String origin : List.of("http://evil.example", "")) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(server.base().resolve("/runpod.xhtml"))
              .header("Cookie", cookie)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("pods:terminateAll=x&pods_SUBMIT=1"));
      if (!origin.isEmpty()) {
        b.header("Origin", origin);
      }
      assertEquals(403, http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    HttpResponse<String> apiPost =
        http.send(
            HttpRequest.newBuilder(server.base().resolve("/api/runpod/pods"))
                .header("Cookie", cookie)
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, apiPost.statusCode());
  }

  @Test
  @Order(3)
  void aFeedIsAddedAndATranscriptRead() {
    open("/feeds.xhtml");
    driver.findElement(By.id("addFeed:url")).sendKeys(publisherBase + "/console-feed.xml");
    driver.findElement(By.id("addFeed:add")).click();
    awaitText("messages", "Subscribed to");
    // other tests' feeds may be listed too: ours is the row with our publisher's URL
    WebElement link =
        driver.findElement(
            By.xpath(
                "//tr[contains(@class,'feed')][.//span[contains(text(),'"
                    + publisherBase
                    + "')]]//a[contains(@class,'feed-link')]"));
    feedId =
        Long.valueOf(
            URI.create(link.getAttribute("href")).getQuery().replaceAll(".*feed=(\\d+).*", "$1"));
    shot("02-feeds");

    // the list refreshes itself: wait for a publisher transcript to arrive without reloading
    open("/episodes.xhtml?feed=" + feedId + "&status=completed");
    wait(Duration.ofMinutes(2))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.episode-link")));
    shot("03-episodes");
    driver.findElement(By.cssSelector("a.episode-link")).click();
    List<WebElement> stamps = driver.findElements(By.cssSelector("#transcript a.ts"));
    assertTrue(stamps.size() > 10, "timed paragraphs: " + stamps.size());
    assertEquals("[00:00]", stamps.get(0).getText());
    assertTrue(driver.findElement(By.id("transcript")).getText().contains("podcasting 2.0"));
    assertEquals(5, driver.findElements(By.cssSelector("a.download")).size());
    String srt =
        driver.findElements(By.cssSelector("a.download")).stream()
            .map(a -> a.getAttribute("href"))
            .filter(h -> h.endsWith("/srt"))
            .findFirst()
            .orElseThrow();
    Api.Reply download = api.get(URI.create(srt).getPath());
    assertEquals(200, download.status());
    assertTrue(download.body().contains("-->"), "an SRT file");
    shot("04-episode");

    open("/search.xhtml?q=ecosystem");
    assertFalse(driver.findElements(By.cssSelector("#hits a")).isEmpty(), "a hit");
    shot("05-search");
  }

  @Test
  @Order(4)
  void queueNodesAndSettingsShowWithoutSecrets() {
    // the feed queued transcriptions for its episodes without a publisher transcript
    open("/queue.xhtml?status=queued&type=transcribe");
    shot("06-queue");
    driver.findElement(By.cssSelector("button[name='jobs:cancel']")).click();
    awaitText("messages", "cancelled");
    String job = text("messages").replaceAll("(?s).*Job (\\d+) cancelled.*", "$1");
    open("/queue.xhtml?status=cancelled");
    driver.findElement(By.cssSelector("button[name='jobs:retry'][value='" + job + "']")).click();
    awaitText("messages", "Job " + job + " queued again");
    driver.findElement(By.id("priority:job")).sendKeys(job);
    driver.findElement(By.id("priority:value")).sendKeys("3");
    driver.findElement(By.id("priority:set")).click();
    awaitText("messages", "Job " + job + " now has priority 3");
    open("/nodes.xhtml");
    assertNotNull(driver.findElement(By.id("node-table")));
    shot("07-nodes");

    open("/settings.xhtml");
    for (String secret :
        List.of("RUNPOD_API_KEY", "NODE_ENROLMENT_KEY", "CAST2MD_ADMIN_PASSWORD")) {
      assertEquals(
          "set",
          driver
              .findElement(
                  By.xpath("//table[@id='secrets']//tr[th='" + secret + "']/td[@class='secret']"))
              .getText());
    }
    String source = driver.getPageSource();
    for (String secret :
        List.of(
            LibertyServer.RUNPOD_KEY, LibertyServer.ADMIN_PASSWORD, LibertyServer.ENROLMENT_KEY)) {
      assertFalse(source.contains(secret), "a secret on the settings page");
    }
    // change a runtime setting in the page; the API sees it, with its source
    WebElement lease = driver.findElement(By.name("v_QUEUE_MAX_ATTEMPTS"));
    lease.clear();
    lease.sendKeys("7");
    driver
        .findElement(By.cssSelector("button[name='values:save'][value='QUEUE_MAX_ATTEMPTS']"))
        .click();
    awaitText("messages", "QUEUE_MAX_ATTEMPTS = 7");
    Map<?, ?> v = (Map<?, ?>) api.get("/api/settings").json().get("QUEUE_MAX_ATTEMPTS");
    assertEquals("7", v.get("value"));
    assertEquals("DATABASE", v.get("source"));
    driver
        .findElement(By.cssSelector("button[name='values:reset'][value='QUEUE_MAX_ATTEMPTS']"))
        .click();
    awaitText("messages", "QUEUE_MAX_ATTEMPTS back to");
    assertEquals(
        "DEFAULT",
        ((Map<?, ?>) api.get("/api/settings").json().get("QUEUE_MAX_ATTEMPTS")).get("source"));

    // a personal token: shown once, works as Bearer, stops working when revoked
    driver.findElement(By.id("tokens:name")).sendKeys("selenium script");
    driver.findElement(By.id("tokens:create")).click();
    awaitText("messages", "created");
    String token = driver.findElement(By.id("tokens:new-token")).getText().trim();
    assertTrue(token.startsWith("c2m_"), token);
    shot("08-settings");
    Api scripted = Api.bearer(server.base(), token);
    assertEquals(200, scripted.get("/api/queue/status").status());
    open("/settings.xhtml");
    assertFalse(driver.getPageSource().contains(token), "the token is shown only once");
    driver.findElement(By.cssSelector("button[name='tokens:revoke']")).click();
    awaitText("messages", "revoked");
    assertEquals(401, scripted.get("/api/queue/status").status());
  }

  @Test
  @Order(5)
  void aPodIsCreatedWatchedToReadyAndTerminated() {
    open("/runpod.xhtml");
    // the seed's settings in the page: enable pods and choose the CPU engine the tests can run
    select("RUNPOD_ENABLED", "true");
    select("RUNPOD_WHISPER_MODEL", "sphinx");
    driver.findElement(By.id("settings:save")).click();
    awaitText("messages", "setting(s) saved");
    assertEquals(
        "sphinx",
        ((Map<?, ?>) api.get("/api/settings").json().get("RUNPOD_WHISPER_MODEL")).get("value"));
    assertFalse(driver.findElements(By.cssSelector("#gpu-types tbody tr")).isEmpty(), "GPUs");

    // persistent, so that the worker does not end its own pod before the operator does
    driver.findElement(By.id("pods:createPersistent")).click();
    awaitText("messages", "Pod creation started");
    ((JavascriptExecutor) driver).executeScript("window.__sameDocument = true;");
    wait(Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#setup-states .pod")));
    shot("09-runpod-setting-up");
    wait(Duration.ofMinutes(3))
        .until(
            d ->
                d.findElements(By.cssSelector("#setup-states .phase")).stream()
                    .anyMatch(e -> e.getText().equals("ready")));
    assertEquals(
        Boolean.TRUE,
        ((JavascriptExecutor) driver).executeScript("return window.__sameDocument === true;"),
        "the phase reached ready without a page reload");
    assertEquals(
        "100", driver.findElement(By.cssSelector("#setup-states progress")).getAttribute("value"));
    assertEquals("on", driver.findElement(By.cssSelector(".persistent-switch")).getText());
    shot("10-runpod-ready");

    driver.findElement(By.cssSelector("#setup-states button.terminate")).click();
    awaitText("messages", "Terminated");
    wait(Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("pods:no-pods")));
    assertTrue(
        fake.pods().stream().noneMatch(p -> p.name().startsWith("cast2md-afterburner-")),
        "no pod of ours left at RunPod");
    open("/runpod.xhtml");
    assertFalse(driver.findElements(By.cssSelector("#runs tbody tr")).isEmpty(), "a cost record");
    assertFalse(driver.getPageSource().contains(LibertyServer.RUNPOD_KEY));
    shot("11-runpod-terminated");
  }

  @Test
  @Order(6)
  void batchJobsAreSubmittedWatchedStoppedAndRestarted() {
    // no pods for the backlog: it queues its jobs and waits, which is what a stop is for
    api.delete("/api/settings/RUNPOD_ENABLED");
    // discovery queued the feed's transcriptions; the backlog run is to do them instead
    for (Object o :
        (List<?>) api.get("/api/feeds/" + feedId + "/episodes?limit=100").json().get("episodes")) {
      long episode = ((Number) ((Map<?, ?>) o).get("id")).longValue();
      for (Object j : (List<?>) api.get("/api/queue?episode_id=" + episode).json().get("jobs")) {
        Map<?, ?> job = (Map<?, ?>) j;
        if ("queued".equals(job.get("status")) || "running".equals(job.get("status"))) {
          api.postEmpty("/api/queue/" + ((Number) job.get("id")).longValue() + "/cancel");
        }
      }
    }
    open("/batch.xhtml");
    driver.findElement(By.id("p_refresh-feeds_feeds")).sendKeys(String.valueOf(feedId));
    driver.findElement(By.id("start-refresh-feeds")).click();
    awaitText("messages", "refresh-feeds started as execution");
    long refresh = executionIn(text("messages"));
    wait(Duration.ofMinutes(2)).until(d -> status(refresh).equals("completed"));
    WebElement row = execution(refresh);
    assertEquals("100", row.findElement(By.tagName("progress")).getAttribute("value"));
    assertTrue(row.findElement(By.cssSelector(".progress-text")).getText().contains("of 1 feeds"));
    assertFalse(row.findElements(By.cssSelector("details.report")).isEmpty(), "a report");

    driver.findElement(By.id("p_transcribe-backlog_feeds")).sendKeys(String.valueOf(feedId));
    driver.findElement(By.id("p_transcribe-backlog_states")).sendKeys("new,failed");
    driver.findElement(By.id("p_transcribe-backlog_limit")).sendKeys("2");
    driver.findElement(By.id("start-transcribe-backlog")).click();
    awaitText("messages", "transcribe-backlog started as execution");
    long backlog = executionIn(text("messages"));
    wait(Duration.ofMinutes(1))
        .until(
            d ->
                status(backlog).equals("started")
                    && execution(backlog)
                        .findElement(By.cssSelector(".progress-text"))
                        .getText()
                        .contains("of 2"));
    shot("12-batch");
    execution(backlog).findElement(By.cssSelector("button.stop")).click();
    wait(Duration.ofMinutes(1)).until(d -> status(backlog).equals("stopped"));
    execution(backlog).findElement(By.cssSelector("button.restart")).click();
    awaitText("messages", "restarted as");
    long again = Long.parseLong(text("messages").replaceAll("(?s).*restarted as (\\d+).*", "$1"));
    wait(Duration.ofMinutes(1)).until(d -> status(again).equals("started"));
    execution(again).findElement(By.cssSelector("button.stop")).click();
    wait(Duration.ofMinutes(1)).until(d -> status(again).equals("stopped"));
    shot("13-batch-stopped");
  }

  private static long executionIn(String message) {
    return Long.parseLong(message.replaceAll("(?s).*started as execution (\\d+).*", "$1"));
  }

  private static WebElement execution(long id) {
    return driver.findElement(By.cssSelector("tr.execution[data-execution='" + id + "']"));
  }

  private static String status(long id) {
    List<WebElement> rows =
        driver.findElements(By.cssSelector("tr.execution[data-execution='" + id + "'] .status"));
    return rows.isEmpty() ? "" : rows.get(0).getText();
  }

  /** Leaves no batch execution running for the tests after this one. */
  private static void stopBatchRuns() {
    Api.Reply list = api.get("/api/batch/jobs");
    if (list.status() != 200) {
      return;
    }
    for (Object o : (List<?>) list.json().get("executions")) {
      Map<?, ?> e = (Map<?, ?>) o;
      if ("started".equals(e.get("status")) || "starting".equals(e.get("status"))) {
        api.postEmpty("/api/batch/jobs/" + ((Number) e.get("execution_id")).longValue() + "/stop");
      }
    }
  }

  private static void login() {
    driver.get(server.base() + "/login.xhtml");
    driver.findElement(By.id("login:user")).clear();
    driver.findElement(By.id("login:user")).sendKeys(LibertyServer.ADMIN_USER);
    driver.findElement(By.id("login:password")).sendKeys(LibertyServer.ADMIN_PASSWORD);
    driver.findElement(By.id("login:submit")).click();
  }

  private static void open(String path) {
    driver.get(server.base() + path);
    assertFalse(driver.getCurrentUrl().endsWith("/login.xhtml"), "still logged in");
  }

  private static void select(String setting, String value) {
    new Select(
            driver.findElement(
                By.xpath("//form[@id='settings']//tr[th='" + setting + "']//select")))
        .selectByValue(value);
  }

  /** Waits for the page after a click to show a message (a click may return before the load). */
  private static void awaitText(String id, String expected) {
    try {
      wait(Duration.ofSeconds(30)).until(d -> text(id).contains(expected));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("'" + expected + "' never shown in #" + id + ": " + text(id), e);
    }
  }

  private static String text(String id) {
    try {
      List<WebElement> e = driver.findElements(By.id(id));
      return e.isEmpty() ? "" : e.get(0).getText();
    } catch (StaleElementReferenceException e) {
      return ""; // the page changed under us (a load, or a live refresh): ask again
    }
  }

  private static WebDriverWait wait(Duration timeout) {
    WebDriverWait w = new WebDriverWait(driver, timeout);
    w.pollingEvery(Duration.ofMillis(500)).ignoring(StaleElementReferenceException.class);
    return w;
  }

  private static void shot(String name) {
    try {
      Files.write(
          SHOTS.resolve(name + ".png"),
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
  }
}
