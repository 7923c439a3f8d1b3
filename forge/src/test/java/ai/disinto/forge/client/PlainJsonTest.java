package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain writer writes what Moshi writes, and leaves to Moshi what it cannot. */
class PlainJsonTest {
  private static String moshi(Object value) {
    return Json.MOSHI.adapter(Object.class).toJson(value);
  }

  @Test
  void writesTheLibrarysBodiesAsMoshiDoes() {
    Map<String, Object> merge = new LinkedHashMap<>();
    merge.put("Do", "merge");
    merge.put("delete_branch_after_merge", true);
    merge.put("merge_message_field", "Fixes #3\n\t\"quoted\" \\ \u0001 \u2028");
    merge.put("absent", null);
    merge.put("labels", List.of(1, 2L, (short) 3));
    assertThat(PlainJson.write(merge)).isEqualTo(moshi(merge));
  }

  @Test
  void leavesFractionsRecordsAndOddKeysToMoshi() {
    assertThat(PlainJson.write(Map.of("x", 1.5))).isNull();
    assertThat(PlainJson.write(List.of(new Object()))).isNull();
    assertThat(PlainJson.write(Map.of(1, "a"))).isNull();
  }

  @Test
  void agreesWithMoshiOnRandomPlainData() {
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      Object value = randomValue(random, 0);
      assertThat(PlainJson.write(value)).isEqualTo(moshi(value));
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 5 : 7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextInt();
      case 3:
        return random.nextLong();
      case 4:
        return randomString(random);
      case 5: {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          m.put(randomString(random), randomValue(random, depth + 1));
        }
        return m;
      }
      default: {
        List<Object> l = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          l.add(randomValue(random, depth + 1));
        }
        return l;
      }
    }
  }

  private static String randomString(Random random) {
    StringBuilder b = new StringBuilder();
    for (int n = random.nextInt(6); n > 0; n--) {
      int pick = random.nextInt(6);
      b.append(switch (pick) {
        case 0 -> (char) random.nextInt(0x20);
        case 1 -> "\"\\/<>&'".charAt(random.nextInt(7));
        case 2 -> (char) (0x2027 + random.nextInt(4));
        case 3 -> (char) (0x80 + random.nextInt(0x700));
        default -> (char) ('a' + random.nextInt(26));
      });
    }
    return b.toString();
  }
}
