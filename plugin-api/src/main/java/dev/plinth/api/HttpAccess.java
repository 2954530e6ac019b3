package dev.plinth.api;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** Outbound HTTP, limited to the hosts the manifest declares (wildcards as declared). */
@API(status = STABLE, since = "0.1")
public interface HttpAccess {

  /**
   * Sends a request.
   *
   * @throws PermissionDeniedException when the request's host is not declared
   * @throws IOException on a transport failure
   */
  Response send(Request request) throws IOException;

  /** True when the manifest allows requests to this URI's host. */
  boolean isAllowed(URI uri);

  /** An outbound request. */
  record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
    public Request {
      requireNonNull(method, "method");
      requireNonNull(uri, "uri");
      headers = Map.copyOf(headers);
      body = body.clone();
    }

    public static Request get(URI uri) {
      return new Request("GET", uri, Map.of(), new byte[0]);
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /** A response, fully read. */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    public Response {
      headers = Map.copyOf(headers);
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }
}
