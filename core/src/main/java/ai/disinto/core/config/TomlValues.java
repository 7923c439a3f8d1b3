package ai.disinto.core.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** Renders TOML values as the original's Python {@code str()} prints them (see the spec's table). */
final class TomlValues {
  private TomlValues() {}

  /**
   * The string form of a scalar or array; empty for a table (the caller warns).
   *
   * @param value a value from tomlj
   */
  static Optional<String> render(Object value) {
    if (value instanceof TomlTable) {
      return Optional.empty();
    }
    if (value instanceof TomlArray a) {
      return Optional.of(String.join(" ", elements(a)));
    }
    return Optional.of(scalar(value));
  }

  /** The rendered elements of an array; nested arrays are joined too, tables are skipped. */
  static List<String> elements(TomlArray a) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < a.size(); k++) {
      render(a.get(k)).ifPresent(out::add);
    }
    return out;
  }

  private static String scalar(Object value) {
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (value instanceof Double d) {
      return pythonFloat(d);
    }
    return String.valueOf(value);
  }

  /** Python's repr of a float: {@code 60.0}, {@code 3.5}, {@code 1e+16}, {@code 1e-05}, {@code inf}. */
  static String pythonFloat(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
    String sign = d < 0 ? "-" : "";
    if (exponent >= -5 && exponent < 16) {
      String plain = bd.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
    return sign + mantissa + "e" + exp;
  }
}
