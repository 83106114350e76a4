package dev.cast2md.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses bodies over the limit before they are read, and stops reading a body without a length
 * once it passes the limit. Audio uploads have their own, larger limit.
 */
@Provider
public class RequestSizeLimit implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "MAX_REQUEST_BYTES", defaultValue = "33554432")
  long maxRequestBytes;

  @Inject
  @ConfigProperty(name = "MAX_UPLOAD_BYTES", defaultValue = "4294967296")
  long maxUploadBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    long limit =
        request.getUriInfo().getPath().endsWith("/episodes/upload")
            ? maxUploadBytes
            : maxRequestBytes;
    if (request.getLength() > limit) {
      request.abortWith(ErrorResponses.of(413, "Request body larger than " + limit + " bytes"));
      return;
    }
    request.setEntityStream(new Limited(request.getEntityStream(), limit));
  }

  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws PayloadTooLargeException {
      read += n;
      if (read > limit) {
        throw new PayloadTooLargeException(limit);
      }
    }
  }
}
