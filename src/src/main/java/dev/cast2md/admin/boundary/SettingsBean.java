package dev.cast2md.admin.boundary;

import dev.cast2md.admin.control.AdminAccount;
import dev.cast2md.admin.control.ApiTokens;
import dev.cast2md.admin.entity.ApiToken;
import dev.cast2md.settings.boundary.SettingsResource;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Every setting with its value and where it comes from; runtime ones can be changed. Secrets are
 * only ever "set" or "not set". API tokens are created (shown once), listed and revoked here.
 */
@Named("settingsPage")
@RequestScoped
public class SettingsBean {
  /** The secrets the server reads; their values never reach a page. */
  static final List<String> SECRETS =
      List.of(
          "CAST2MD_ADMIN_PASSWORD",
          "NODE_ENROLMENT_KEY",
          "RUNPOD_API_KEY",
          "DB_PASSWORD",
          "HF_TOKEN");

  @Inject Settings settings;
  @Inject SettingsResource api;
  @Inject Config config;
  @Inject AdminComponents admin;

  private String tokenName;
  private String createdToken;

  /** A secret and whether it is configured (generated ones count as set). */
  public record Secret(String name, boolean set, String how) {}

  public List<Settings.Value> getValues() {
    return Arrays.stream(SettingKey.values()).map(settings::lookup).toList();
  }

  public boolean editable(String key) {
    return SettingKey.parse(key).editable();
  }

  public String range(String key) {
    SettingKey k = SettingKey.parse(key);
    return switch (k.kind()) {
      case FLAG -> "true / false";
      case TEXT -> "text";
      case NUMBER -> k.editable() ? k.min() + "–" + k.max() : "";
    };
  }

  public List<Secret> getSecrets() {
    return SECRETS.stream().map(this::secret).toList();
  }

  private Secret secret(String name) {
    boolean configured =
        config.getOptionalValue(name, String.class).filter(s -> !s.isBlank()).isPresent();
    if (configured) {
      return new Secret(name, true, "environment");
    }
    if (name.equals("CAST2MD_ADMIN_PASSWORD")
        && settings.stored(AdminAccount.STORED_HASH).isPresent()) {
      return new Secret(
          name, true, "generated at first start (" + AdminAccount.PASSWORD_FILE + ")");
    }
    if (name.equals("NODE_ENROLMENT_KEY")
        && settings.stored("_node_enrolment_key_sha256").isPresent()) {
      return new Secret(name, true, "generated at first start (enrolment.key)");
    }
    return new Secret(name, false, "");
  }

  public String getAdminUser() {
    return admin.account().user();
  }

  public void save() {
    String key = Console.param("values:save");
    if (key != null) {
      String value = Console.param("v_" + key);
      Console.attempt(
          () -> {
            Settings.Value v = api.update(key, new SettingsResource.SettingUpdate(value));
            return v.key() + " = " + v.value();
          });
    }
  }

  public void reset() {
    String key = Console.param("values:reset");
    if (key != null) {
      Console.attempt(
          () -> {
            Settings.Value v = api.reset(key);
            return v.key() + " back to " + v.value() + " (" + v.source() + ")";
          });
    }
  }

  public List<ApiToken> getTokens() {
    return admin.tokens().list();
  }

  public void createToken() {
    Console.attempt(
        () -> {
          ApiTokens.Created c = admin.tokens().create(tokenName);
          createdToken = c.token();
          return "Token '" + c.listing().name() + "' created; copy it now, it is not shown again";
        });
    tokenName = null;
  }

  public void revokeToken() {
    Long id = Console.longParam("tokens:revoke");
    if (id != null && admin.tokens().revoke(id)) {
      Console.info("Token " + id + " revoked");
    }
  }

  public String getTokenName() {
    return tokenName;
  }

  public void setTokenName(String tokenName) {
    this.tokenName = tokenName;
  }

  public String getCreatedToken() {
    return createdToken;
  }
}
