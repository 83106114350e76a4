package dev.cast2md.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.logging.Logger;

/** The console's form login and logout. */
@Named("login")
@RequestScoped
public class LoginBean {
  private static final Logger LOG = Logger.getLogger(LoginBean.class.getName());

  @Inject AdminComponents admin;

  private String user;
  private String password;

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPassword() {
    return null; // never rendered back into the page
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public void login() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext ext = faces.getExternalContext();
    HttpServletRequest req = (HttpServletRequest) ext.getRequest();
    String address = req.getRemoteAddr();
    if (admin.throttle().blocked(address)) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, "Too many failed logins; try again later", null));
      return;
    }
    if (!admin.account().verify(user, password)) {
      admin.throttle().failed(address);
      LOG.warning("event=login_failed from " + address);
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Wrong user or password", null));
      return;
    }
    admin.throttle().succeeded(address);
    // a new session id at login, so that a session planted before it is worth nothing
    req.getSession(true);
    req.changeSessionId();
    req.getSession().setAttribute(SecurityFilter.SESSION_USER, admin.account().user());
    LOG.info("event=login user=" + admin.account().user() + " from " + address);
    ext.redirect(ext.getRequestContextPath() + "/index.xhtml");
  }

  public void logout() throws IOException {
    ExternalContext ext = FacesContext.getCurrentInstance().getExternalContext();
    ext.invalidateSession();
    ext.redirect(ext.getRequestContextPath() + SecurityFilter.LOGIN_PAGE);
  }
}
