package dev.cast2md.admin.boundary;

import dev.cast2md.admin.control.AdminAccount;
import dev.cast2md.admin.control.ApiTokens;
import dev.cast2md.admin.control.LoginThrottle;
import dev.cast2md.platform.boundary.ServerComponents;
import dev.cast2md.platform.control.Database;
import dev.cast2md.settings.control.Settings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;

/** The administrator, the API tokens and the login throttle, built once. */
@ApplicationScoped
public class AdminComponents {
  @Inject Config config;
  @Inject Settings settings;
  @Inject Database db;
  @Inject Clock clock;
  @Inject ServerComponents server;

  private volatile AdminAccount account;
  private volatile ApiTokens tokens;
  private volatile LoginThrottle throttle;

  /**
   * After the platform's start-up (which migrates the schema), so that a generated password is
   * printed at start and not at the first login.
   */
  void onStart(@Observes @Priority(5000) @Initialized(ApplicationScoped.class) Object ignored) {
    account();
  }

  public synchronized AdminAccount account() {
    if (account == null) {
      account =
          AdminAccount.bootstrap(
              name -> config.getOptionalValue(name, String.class),
              settings::stored,
              settings::store,
              server.dataDirectory());
    }
    return account;
  }

  public synchronized ApiTokens tokens() {
    if (tokens == null) {
      tokens = new ApiTokens(db, clock);
    }
    return tokens;
  }

  public synchronized LoginThrottle throttle() {
    if (throttle == null) {
      throttle = new LoginThrottle(clock);
    }
    return throttle;
  }
}
