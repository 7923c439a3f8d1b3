package ai.disinto.ci.setup;

/** What {@link CiSetup#installCron} did. */
public enum CronResult {
  /** Compose mode: the agents container schedules the pollers. */
  SKIPPED_COMPOSE,
  /** The crontab already has this project's entries. */
  ALREADY_INSTALLED,
  /** The person asked said no. */
  DECLINED,
  /** The entries were installed. */
  INSTALLED,
  /** There is no {@code crontab} program. */
  CRONTAB_MISSING,
  /** The TOML's folder does not exist or {@code crontab -} failed. */
  FAILED
}
