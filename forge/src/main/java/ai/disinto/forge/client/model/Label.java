package ai.disinto.forge.client.model;

/**
 * An issue label ({@code GET/POST {repo}/labels}, the {@code labels} of issues).
 *
 * @param id the label id, what the issue label routes take
 * @param name the label name; Forgejo allows duplicates
 * @param color the colour as six hex digits, without {@code #}
 * @param description the description
 * @param exclusive whether it is a scoped, mutually exclusive label
 */
public record Label(long id, String name, String color, String description, boolean exclusive) {}
