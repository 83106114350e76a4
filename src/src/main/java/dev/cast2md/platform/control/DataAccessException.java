package dev.cast2md.platform.control;

import java.sql.SQLException;

/** A database failure that the caller cannot handle; answered as 503 at the boundary. */
public class DataAccessException extends RuntimeException {
  public DataAccessException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  public boolean isUniqueViolation() {
    return getCause() instanceof SQLException s && "23505".equals(s.getSQLState());
  }
}
