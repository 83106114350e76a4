package dev.cast2md.admin.control;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests need the administrator. Everything does, except what has its own credential (the
 * node protocol: enrolment and node keys; a pod's setup token), health probes, and the login page
 * with the static style sheet and script it needs. Open paths are matched exactly, segment by
 * segment, so that no encoded dot, slash or matrix parameter can make an admin path look like an
 * open one.
 */
public final class AccessRules {
  /** How a request is let in. */
  public enum Access {
    /** Its own authentication, or none needed. */
    OPEN,
    /** Admin REST API: Basic, a Bearer token, or the console's session. */
    API,
    /** A console page anyone may see (login). */
    PUBLIC_PAGE,
    /** A console page: the administrator's session. */
    PAGE
  }

  private static final String ID = "[A-Za-z0-9._-]{1,100}";
  private static final List<Pattern> OPEN_API =
      List.of(
          Pattern.compile("/api/health"),
          Pattern.compile("POST /api/nodes/register"),
          Pattern.compile("POST /api/nodes/" + ID + "/(heartbeat|claim|request-termination)"),
          Pattern.compile("(GET|HEAD) /api/nodes/jobs/[0-9]{1,19}/audio"),
          Pattern.compile("POST /api/nodes/jobs/[0-9]{1,19}/(progress|complete|fail|release)"),
          Pattern.compile("POST /api/runpod/pods/" + ID + "/setup-progress"));
  private static final Set<String> PUBLIC_PAGES = Set.of("/login.xhtml", "/favicon.ico");

  private AccessRules() {}

  /**
   * @param method the HTTP method
   * @param path the decoded, normalised path inside the application (servlet path + path info)
   * @param rawPath the request URI as sent, without the query; an open path must be sent plainly
   */
  public static Access classify(String method, String path, String rawPath) {
    boolean plain = path.equals(rawPath);
    if (path.equals("/api") || path.startsWith("/api/")) {
      if (plain) {
        for (Pattern p : OPEN_API) {
          String subject = p.pattern().startsWith("/") ? path : method + " " + path;
          if (p.matcher(subject).matches()) {
            return Access.OPEN;
          }
        }
      }
      return Access.API;
    }
    if (plain && (PUBLIC_PAGES.contains(path) || path.startsWith("/static/"))) {
      return Access.PUBLIC_PAGE;
    }
    return Access.PAGE;
  }

  /** Methods that change nothing, so need no cross-site check. */
  public static boolean safe(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }
}
