package ai.disinto.testkit.forgejo;

/** Ends a request with an error status and Forgejo's JSON error body. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static ApiException notFound() {
    return new ApiException(404, "The target couldn't be found.");
  }

  static ApiException tokenRequired() {
    return new ApiException(401, "token is required");
  }
}
