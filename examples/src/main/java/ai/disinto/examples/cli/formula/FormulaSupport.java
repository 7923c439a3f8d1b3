package ai.disinto.examples.cli.formula;

import ai.disinto.agent.ExternalCommandAgent;
import ai.disinto.agent.formula.FooterParams;
import ai.disinto.agent.formula.OpsRepo;
import ai.disinto.agent.formula.ProfileRepo;
import ai.disinto.agent.formula.ProfileSettings;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.forge.ForgeCli;
import ai.disinto.git.GitCli;
import ai.disinto.git.worktree.ActiveSessions;
import ai.disinto.git.worktree.ClaudeProjectCache;
import ai.disinto.git.worktree.WorktreeManager;
import ai.disinto.git.worktree.WorktreeSettings;
import java.nio.file.Path;
import java.util.Optional;

/** What the formula subcommands share: paths, the git CLI, the profile and ops services. */
final class FormulaSupport {
  private FormulaSupport() {}

  static Path path(CliContext ctx, String p) {
    return ctx.workingDir().resolve(p).toAbsolutePath().normalize();
  }

  static GitCli git(CliContext ctx) {
    return GitCli.withEnvironment(ctx.env());
  }

  static Optional<Path> optionalPath(CliContext ctx, FactoryEnv env, String name) {
    return env.get(name).filter(s -> !s.isEmpty()).map(p -> path(ctx, p));
  }

  static Path projectRoot(CliContext ctx, FactoryEnv env) {
    return optionalPath(ctx, env, "PROJECT_REPO_ROOT").orElse(ctx.workingDir());
  }

  static FooterParams footer(FactoryEnv env) {
    return new FooterParams(env.getOrEmpty("FORGE_API"), env.getOrEmpty("FACTORY_ROOT"),
        env.getOrEmpty("PROJECT_REPO_ROOT"), env.getOrEmpty("OPS_REPO_ROOT"),
        env.getOrEmpty("PRIMARY_BRANCH"));
  }

  /** The agent of the one-shot calls: the external command, or one that always fails. */
  static AgentRunner agent(FactoryEnv env, String command) {
    String cmd = command != null ? command : env.getOrEmpty("DISINTO_AGENT_CMD");
    if (cmd.isBlank()) {
      return (prompt, session, dir) -> new AgentResult(ExternalCommandAgent.CANNOT_START, "",
          "");
    }
    return new ExternalCommandAgent(cmd, env.childProcessEnv(), env.claudeTimeout());
  }

  static ProfileRepo profile(CliContext ctx, FactoryEnv env, Optional<String> identity,
      String agentCmd) {
    AgentRunner agent = agent(env, agentCmd);
    Path home = env.get("HOME").filter(s -> !s.isEmpty()).map(Path::of).orElse(null);
    Optional<String> id = identity.isPresent() ? identity : env.get("AGENT_IDENTITY");
    return new ProfileRepo(ForgeCli.clientWithoutTokenCheck(env, ctx, ""), git(ctx), agent, agent,
        new ProfileSettings(env.getOrEmpty("FORGE_URL"), home, id,
            !env.forgeToken().isEmpty(), null), ctx.clock());
  }

  static OpsRepo ops(CliContext ctx, FactoryEnv env) {
    String primary = env.get("PRIMARY_BRANCH").filter(s -> !s.isEmpty()).orElse("main");
    String url = env.get("FORGE_URL").filter(s -> !s.isEmpty()).orElse("http://localhost:3000");
    return new OpsRepo(git(ctx), optionalPath(ctx, env, "OPS_REPO_ROOT"),
        env.getOrEmpty("FORGE_OPS_REPO"), url, primary);
  }

  static WorktreeManager worktrees(CliContext ctx, FactoryEnv env) {
    Path repo = projectRoot(ctx, env);
    String remote = env.get("FORGE_REMOTE").filter(s -> !s.isEmpty()).orElse("origin");
    String primary = env.get("PRIMARY_BRANCH").filter(s -> !s.isEmpty()).orElse("main");
    Path scan = optionalPath(ctx, env, "WORKTREE_SCAN_ROOT").orElse(Path.of("/tmp"));
    Path home = env.get("HOME").map(Path::of).orElse(Path.of(System.getProperty("user.home")));
    Path claude = optionalPath(ctx, env, "CLAUDE_CONFIG_DIR").orElse(home.resolve(".claude"));
    return new WorktreeManager(WorktreeSettings.of(repo).withRemote(remote)
        .withPrimaryBranch(primary).withScanRoot(scan), git(ctx), new ClaudeProjectCache(claude),
        ActiveSessions.tmuxPanes(), ctx.clock(), home);
  }
}
