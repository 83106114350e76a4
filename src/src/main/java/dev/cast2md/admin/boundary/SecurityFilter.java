package dev.cast2md.admin.boundary;

import dev.cast2md.admin.control.AccessRules;
import dev.cast2md.admin.control.AccessRules.Access;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may use the console and the admin API. Pages need the administrator's session (form login; a
 * cross-site POST is refused even with one). The API takes HTTP Basic with the same credentials, a
 * personal token as {@code Authorization: Bearer}, or the console's session. The node protocol,
 * pods' setup reports and health stay open: they carry their own credentials. Every response gets
 * the security headers.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityFilter extends HttpFilter {
  public static final String SESSION_USER = "cast2md.admin.user";
  static final String LOGIN_PAGE = "/login.xhtml";
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " media-src 'self' http: https:; connect-src 'self'; object-src 'none';"
          + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  @Inject AdminComponents admin;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    headers(res);
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    String raw = req.getRequestURI().substring(req.getContextPath().length());
    Access access = AccessRules.classify(req.getMethod(), path, raw);
    boolean safe = AccessRules.safe(req.getMethod());
    switch (access) {
      case OPEN -> chain.doFilter(req, res);
      case API -> api(req, res, chain, safe);
      case PUBLIC_PAGE -> {
        if (!safe && !sameOrigin(req)) {
          forbidden(res);
          return;
        }
        noStore(res);
        chain.doFilter(req, res);
      }
      case PAGE -> {
        if (sessionUser(req) == null) {
          res.sendRedirect(req.getContextPath() + LOGIN_PAGE);
          return;
        }
        if (!safe && !sameOrigin(req)) {
          forbidden(res);
          return;
        }
        noStore(res);
        chain.doFilter(req, res);
      }
    }
  }

  private void api(HttpServletRequest req, HttpServletResponse res, FilterChain chain, boolean safe)
      throws IOException, ServletException {
    String authorization = req.getHeader("Authorization");
    if (authorization != null) {
      if (credentialsValid(authorization, req.getRemoteAddr())) {
        chain.doFilter(req, res);
      } else {
        unauthorized(res, "Invalid credentials");
      }
      return;
    }
    // the console's own calls (live updates) ride on its session; a write must come from our pages
    if (sessionUser(req) != null && (safe || sameOrigin(req))) {
      chain.doFilter(req, res);
      return;
    }
    unauthorized(
        res,
        "Authentication required: HTTP Basic with the administrator's credentials, or"
            + " Authorization: Bearer <API token>");
  }

  private boolean credentialsValid(String authorization, String address) {
    String lower = authorization.toLowerCase(Locale.ROOT);
    if (lower.startsWith("bearer ")) {
      return admin.tokens().authenticate(authorization.substring(7).trim()).isPresent();
    }
    if (!lower.startsWith("basic ")) {
      return false;
    }
    if (admin.throttle().blocked(address)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    boolean ok = admin.account().verify(decoded.substring(0, colon), decoded.substring(colon + 1));
    if (ok) {
      admin.throttle().succeeded(address);
    } else {
      admin.throttle().failed(address);
    }
    return ok;
  }

  static String sessionUser(HttpServletRequest req) {
    HttpSession session = req.getSession(false);
    return session == null ? null : (String) session.getAttribute(SESSION_USER);
  }

  /**
   * A state-changing request must come from our own pages: browsers send {@code Origin} with every
   * POST (and {@code Referer} under our same-origin referrer policy). No header at all is refused
   * too: a browser always sends one, so only a forged request lacks both.
   */
  static boolean sameOrigin(HttpServletRequest req) {
    String source = req.getHeader("Origin");
    if (source == null || source.equals("null")) {
      source = req.getHeader("Referer");
    }
    if (source == null) {
      return false;
    }
    String host = req.getHeader("Host");
    try {
      URI u = URI.create(source);
      String authority = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
      return host != null && u.getHost() != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void headers(HttpServletResponse res) {
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
  }

  private static void noStore(HttpServletResponse res) {
    res.setHeader("Cache-Control", "no-store");
  }

  private static void unauthorized(HttpServletResponse res, String detail) throws IOException {
    res.setStatus(401);
    res.setHeader("WWW-Authenticate", "Basic realm=\"cast2md\", charset=\"UTF-8\"");
    json(res, detail);
  }

  private static void forbidden(HttpServletResponse res) throws IOException {
    res.setStatus(403);
    json(res, "Cross-site request refused");
  }

  private static void json(HttpServletResponse res, String detail) throws IOException {
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    // the details are fixed texts above, so there is nothing to escape
    res.getWriter().write("{\"detail\": \"" + detail + "\"}");
  }
}
