package dev.cast2md.worker.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The curl/httpx convention Java ignores: {@code http_proxy} / {@code https_proxy} (or upper case)
 * and {@code no_proxy}. Pods reach the server only through Tailscale's userspace proxy on
 * localhost:1055, so without this a pod could never talk to the server.
 */
public final class EnvironmentProxySelector extends ProxySelector {
  private final Proxy http;
  private final Proxy https;
  private final List<String> noProxy;

  private EnvironmentProxySelector(Proxy http, Proxy https, List<String> noProxy) {
    this.http = http;
    this.https = https;
    this.noProxy = noProxy;
  }

  /** The selector for this environment, or null when no proxy is configured. */
  public static ProxySelector fromEnvironment(Map<String, String> env) {
    Proxy http = proxy(first(env, "http_proxy", "HTTP_PROXY"));
    Proxy https = proxy(first(env, "https_proxy", "HTTPS_PROXY"));
    if (http == null && https == null) {
      return null;
    }
    String no = first(env, "no_proxy", "NO_PROXY");
    List<String> noProxy =
        no == null
            ? List.of()
            : List.of(no.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).stream()
                .filter(s -> !s.isBlank())
                .toList();
    return new EnvironmentProxySelector(http, https, noProxy);
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    for (String pattern : noProxy) {
      String suffix = pattern.startsWith(".") ? pattern : "." + pattern;
      if (pattern.equals("*") || host.equals(pattern) || host.endsWith(suffix)) {
        return List.of(Proxy.NO_PROXY);
      }
    }
    Proxy proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    return List.of(proxy == null ? Proxy.NO_PROXY : proxy);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // Nothing to learn: there is one proxy per scheme and no alternative to fall back to.
  }

  private static String first(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  static Proxy proxy(String value) {
    if (value == null) {
      return null;
    }
    URI uri = URI.create(value.contains("://") ? value : "http://" + value);
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
  }
}
