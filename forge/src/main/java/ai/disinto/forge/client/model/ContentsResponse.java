package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A file or directory entry ({@code GET {repo}/contents/{path}}).
 *
 * @param name the file name
 * @param path the path in the repository
 * @param sha the blob SHA
 * @param type {@code file}, {@code dir}, {@code symlink} or {@code submodule}
 * @param size the size in bytes
 * @param encoding {@code base64} for files, else null
 * @param content the encoded content for files, else null
 * @param downloadUrl the raw download URL
 */
public record ContentsResponse(
    String name,
    String path,
    String sha,
    String type,
    long size,
    String encoding,
    String content,
    @Json(name = "download_url") String downloadUrl) {

  /**
   * The file's text, decoded from base64 as UTF-8.
   *
   * @return the text; empty when there is no content
   * @throws IllegalArgumentException when the content is not base64
   */
  public String decodedText() {
    if (content == null || content.isEmpty()) {
      return "";
    }
    byte[] bytes = Base64.getMimeDecoder().decode(content);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
