package ai.disinto.forge.client;

import java.io.IOException;

/**
 * One layer of a {@link ForgeClient}'s HTTP stack. The layers (credentials, retries, host limits,
 * logging) each wrap the next one; the last one puts the request on the wire ({@link OkHttpWire},
 * or {@link PlainWire} for a short-lived process on a cleartext forge).
 *
 * <p>A wire, the bottom layer, honours this contract:
 *
 * <ul>
 *   <li>sends the request once: it never repeats it (retries belong to the layers above), and
 *       follows no redirect (a 3xx is answered as it came);
 *   <li>sets {@link Interceptors.CallTag#reachedServer} just before the first byte of the request
 *       is written on an open connection, so that a write whose answer is lost is known to be
 *       ambiguous;
 *   <li>reads the whole body before it returns: a body cut short is an {@link IOException};
 *   <li>finishes by {@link WireRequest#deadlineNanos()} ({@link System#nanoTime()} based), or
 *       throws an {@link java.io.InterruptedIOException} (a timeout): connecting and every read
 *       are bounded by it; the host name lookup and the write of the request may not be (the
 *       plain wire leaves both to the JDK and to the kernel's send buffer, which takes a forge
 *       request whole).
 * </ul>
 */
interface Wire {
  /**
   * Sends one attempt.
   *
   * @param request the request, headers complete but for those of the connection itself
   * @return the answer, whatever its status
   * @throws IOException when no complete answer came back
   */
  WireResponse send(WireRequest request) throws IOException;
}
