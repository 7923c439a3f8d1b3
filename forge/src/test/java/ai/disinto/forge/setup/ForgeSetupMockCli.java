package ai.disinto.forge.setup;

import ai.disinto.testkit.forgejo.MockAdminCli;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The testkit's fake Forgejo command line behind forge setup's port, recording each call. */
final class ForgeSetupMockCli implements ForgeSetupAdminCli {
  final MockAdminCli mock;
  final List<String> calls = new ArrayList<>();
  Function<String, SetupCliResult> createOverride;

  ForgeSetupMockCli(MockAdminCli mock) {
    this.mock = mock;
  }

  @Override
  public boolean listUsers() {
    calls.add("list");
    return mock.listUsers().ok();
  }

  @Override
  public SetupCliResult createUser(String user, SetupSecret password, String email,
      boolean admin) {
    calls.add("create " + user + (admin ? " --admin" : ""));
    if (createOverride != null) {
      return createOverride.apply(user);
    }
    MockAdminCli.Result r = mock.createUser(user, password.reveal(), email, admin);
    return new SetupCliResult(r.exitCode(), r.output());
  }

  @Override
  public SetupCliResult changePassword(String user, SetupSecret password) {
    calls.add("change-password " + user);
    MockAdminCli.Result r = mock.changePassword(user, password.reveal());
    return new SetupCliResult(r.exitCode(), r.output());
  }
}
