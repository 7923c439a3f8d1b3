package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;

/**
 * A file changed by a pull request ({@code GET {repo}/pulls/{n}/files}).
 *
 * @param filename the path
 * @param previousFilename the old path of a rename, or null
 * @param status {@code added}, {@code modified}, {@code deleted}, {@code renamed}, ...
 * @param additions added lines
 * @param deletions removed lines
 * @param changes changed lines
 */
public record ChangedFile(
    String filename,
    @Json(name = "previous_filename") String previousFilename,
    String status,
    int additions,
    int deletions,
    int changes) {}
