package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgeSetupDockerTest {
  @TempDir Path root;

  /** A fake docker that appends its arguments, one per line, to a file and succeeds. */
  private Path fakeDocker(String psOutput) throws Exception {
    Path script = root.resolve("docker");
    Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> \""
        + root.resolve("calls") + "\"; done\necho '--' >> \"" + root.resolve("calls") + "\"\n"
        + "if [ \"$1\" = ps ]; then printf '" + psOutput + "'; fi\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private List<String> calls() throws Exception {
    return Files.readAllLines(root.resolve("calls"));
  }

  @Test
  void bareModeOnAUrlWithoutPortPublishesThreeThousand() throws Exception {
    Path docker = fakeDocker("");
    ForgeSetupDocker d = ForgeSetupDocker.bare(root, root.resolve("data"), docker.toString(),
        Map.of("PATH", System.getenv("PATH")));
    d.start(URI.create("https://forge.example"), ForgeSetup.port("https://forge.example"));
    String joined = String.join(" ", calls());
    assertThat(joined).contains("run -d --name disinto-forgejo --restart unless-stopped -p "
        + "3000:3000 -p 2222:22")
        .contains("FORGEJO__server__ROOT_URL=https://forge.example/")
        .contains(ForgeSetupDocker.IMAGE);
    assertThat(root.resolve("data")).isDirectory();
  }

  @Test
  void bareModeRestartsAnExistingContainer() throws Exception {
    Path docker = fakeDocker("other\\ndisinto-forgejo\\n");
    ForgeSetupDocker.bare(root, root.resolve("data"), docker.toString(), Map.of())
        .start(URI.create("http://localhost:3000"), 3000);
    assertThat(String.join(" ", calls())).contains("start disinto-forgejo").doesNotContain("run");
  }

  @Test
  void composeModeExecsInTheServiceAndHidesThePasswordInTheOutput() throws Exception {
    Path script = root.resolve("docker");
    Files.writeString(script, "#!/bin/sh\necho \"$@\"\nexit 3\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    SetupCliResult r = ForgeSetupDocker.compose(root, script.toString(), Map.of())
        .changePassword("dev-bot", new SetupSecret("bot-secretsecret"));
    assertThat(r.exitStatus()).isEqualTo(3);
    assertThat(r.output()).contains("compose -f " + root.resolve("docker-compose.yml")
        + " exec -T -u git forgejo forgejo admin user change-password --username dev-bot")
        .doesNotContain("bot-secretsecret");
  }
}
