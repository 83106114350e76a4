package dev.cast2md.admin.control;

import static dev.cast2md.admin.control.AccessRules.Access.API;
import static dev.cast2md.admin.control.AccessRules.Access.OPEN;
import static dev.cast2md.admin.control.AccessRules.Access.PAGE;
import static dev.cast2md.admin.control.AccessRules.Access.PUBLIC_PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessRulesTest {
  static AccessRules.Access of(String method, String path) {
    return AccessRules.classify(method, path, path);
  }

  @Test
  void theNodeProtocolPodReportsAndHealthStayOpen() {
    assertEquals(OPEN, of("POST", "/api/nodes/register"));
    assertEquals(OPEN, of("POST", "/api/nodes/3f2a-77/heartbeat"));
    assertEquals(OPEN, of("POST", "/api/nodes/3f2a-77/claim"));
    assertEquals(OPEN, of("POST", "/api/nodes/3f2a-77/request-termination"));
    assertEquals(OPEN, of("GET", "/api/nodes/jobs/12/audio"));
    assertEquals(OPEN, of("POST", "/api/nodes/jobs/12/complete"));
    assertEquals(OPEN, of("POST", "/api/nodes/jobs/12/progress"));
    assertEquals(OPEN, of("POST", "/api/nodes/jobs/12/fail"));
    assertEquals(OPEN, of("POST", "/api/nodes/jobs/12/release"));
    assertEquals(OPEN, of("POST", "/api/runpod/pods/abc123/setup-progress"));
    assertEquals(OPEN, of("GET", "/api/health"));
  }

  @Test
  void everythingElseUnderApiNeedsTheAdministrator() {
    assertEquals(API, of("GET", "/api/nodes"));
    assertEquals(API, of("POST", "/api/nodes"));
    assertEquals(API, of("DELETE", "/api/nodes/3f2a-77"));
    assertEquals(API, of("POST", "/api/nodes/3f2a-77/test"));
    assertEquals(API, of("GET", "/api/nodes/register"), "register is a POST");
    assertEquals(API, of("DELETE", "/api/nodes/jobs/12/complete"));
    assertEquals(API, of("GET", "/api/runpod/pods/abc/setup-status"));
    assertEquals(API, of("POST", "/api/runpod/pods"));
    assertEquals(API, of("GET", "/api/settings"));
    assertEquals(API, of("GET", "/api"));
    assertEquals(API, of("GET", "/api/health/extra"));
    assertEquals(API, of("POST", "/api/nodes/a/b/heartbeat"));
    assertEquals(API, of("POST", "/api/nodes/jobs/x/complete"));
  }

  @Test
  void anOpenPathSentWithTricksIsNotOpen() {
    assertEquals(
        API,
        AccessRules.classify("POST", "/api/nodes/register", "/api/nodes/register;jsessionid=x"));
    assertEquals(
        API, AccessRules.classify("GET", "/api/health", "/api/nodes/jobs/1/%2e%2e/%2e%2e/health"));
    assertEquals(API, AccessRules.classify("GET", "/api/health", "/api//health"));
  }

  @Test
  void pagesNeedTheAdministratorExceptLoginAndStaticFiles() {
    assertEquals(PAGE, of("GET", "/index.xhtml"));
    assertEquals(PAGE, of("GET", "/"));
    assertEquals(PAGE, of("POST", "/runpod.xhtml"));
    assertEquals(PAGE, of("GET", "/jakarta.faces.resource/faces.js.xhtml"));
    assertEquals(PUBLIC_PAGE, of("GET", "/login.xhtml"));
    assertEquals(PUBLIC_PAGE, of("POST", "/login.xhtml"));
    assertEquals(PUBLIC_PAGE, of("GET", "/static/admin.css"));
    assertEquals(PAGE, AccessRules.classify("GET", "/login.xhtml", "/static/../index.xhtml"));
  }
}
