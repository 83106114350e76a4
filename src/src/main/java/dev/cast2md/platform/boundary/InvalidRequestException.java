package dev.cast2md.platform.boundary;

/** A request that is well-formed but asks for something invalid; answered as 422. */
public class InvalidRequestException extends RuntimeException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
