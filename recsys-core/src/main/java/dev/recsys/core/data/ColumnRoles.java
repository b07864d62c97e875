package dev.recsys.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which columns of a delimited interactions file hold the user, the item, the weight, the timestamp and the skip
 * flag. Columns are named by header name or, when {@code header} is false, by 1-based position ({@code "1"}).
 * Immutable.
 *
 * <p>{@link #parse} reads the command-line form {@code user=userId,item=trackId,weight=plays,time=ts,skip=skipped}
 * (add {@code header=false} for files without a header line); {@link #detect} finds the roles from common header
 * names.
 *
 * @param user the user column (required)
 * @param item the item column (required)
 * @param weight the weight column (rating, play count); absent means weight 1
 * @param timestamp the timestamp column (epoch seconds or milliseconds, ISO-8601 date-time or date); optional
 * @param skip the skip flag column ({@code 1/0}, {@code true/false}, {@code yes/no}); optional
 * @param header whether the file starts with a header line
 */
public record ColumnRoles(
    String user, String item, Optional<String> weight, Optional<String> timestamp, Optional<String> skip, boolean header) {

  /** Header names recognised as the user column (compared ignoring case, '_', '-' and spaces). */
  public static final List<String> USER_NAMES = List.of("user", "userid", "uid", "username", "listener", "listenerid", "customerid");
  /** Header names recognised as the item column, in order of preference. */
  public static final List<String> ITEM_NAMES = List.of("item", "itemid", "track", "trackid", "trackuri", "song", "songid",
      "movieid", "artistid", "artist", "albumid", "iid");
  /** Header names recognised as the weight column, in order of preference. */
  public static final List<String> WEIGHT_NAMES = List.of("rating", "weight", "plays", "playcount", "count", "score", "listens");
  /** Header names recognised as the timestamp column. */
  public static final List<String> TIME_NAMES = List.of("timestamp", "time", "ts", "datetime", "playedat", "endtime");
  /** Header names recognised as the skip flag column. */
  public static final List<String> SKIP_NAMES = List.of("skip", "skipped", "isskip", "skipflag");

  /** Validates the fields. */
  public ColumnRoles {
    dev.recsys.core.util.Checks.notBlank("user column", user);
    dev.recsys.core.util.Checks.notBlank("item column", item);
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(skip, "skip");
    if (!header) {
      for (String c : names(user, item, weight, timestamp, skip)) {
        if (!c.chars().allMatch(Character::isDigit) || Integer.parseInt(c) < 1) {
          throw new IllegalArgumentException("without a header, columns are 1-based positions; got '" + c + "'");
        }
      }
    }
  }

  private static List<String> names(String user, String item, Optional<String> w, Optional<String> t, Optional<String> s) {
    List<String> out = new ArrayList<>(List.of(user, item));
    w.ifPresent(out::add);
    t.ifPresent(out::add);
    s.ifPresent(out::add);
    return out;
  }

  /**
   * User and item columns only, with a header.
   *
   * @param user the name of the user column
   * @param item the name of the item column
   * @return the user and item columns only, with a header
   */
  public static ColumnRoles of(String user, String item) {
    return new ColumnRoles(user, item, Optional.empty(), Optional.empty(), Optional.empty(), true);
  }

  /**
   * A copy with the given weight column.
   *
   * @param column the column name
   * @return a copy with the given weight column
   */
  public ColumnRoles withWeight(String column) {
    return new ColumnRoles(user, item, Optional.of(column), timestamp, skip, header);
  }

  /**
   * A copy with the given timestamp column.
   *
   * @param column the column name
   * @return a copy with the given timestamp column
   */
  public ColumnRoles withTimestamp(String column) {
    return new ColumnRoles(user, item, weight, Optional.of(column), skip, header);
  }

  /**
   * A copy with the given skip flag column.
   *
   * @param column the column name
   * @return a copy with the given skip flag column
   */
  public ColumnRoles withSkip(String column) {
    return new ColumnRoles(user, item, weight, timestamp, Optional.of(column), header);
  }

  /**
   * Parses {@code user=A,item=B[,weight=C][,timestamp=D][,skip=E][,header=false]}. {@code rating}, {@code plays}
   * and {@code count} are accepted for {@code weight}; {@code time} and {@code ts} for {@code timestamp}.
   *
   * @param spec the roles, {@code role=column} pairs separated by commas
   * @return the column roles
   * @throws IllegalArgumentException naming the unknown key or the missing role
   */
  public static ColumnRoles parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw new IllegalArgumentException("column roles must be role=column pairs separated by ','; got '" + p + "' in '" + spec + "'");
      }
      String key = switch (p.substring(0, eq).strip().toLowerCase(Locale.ROOT)) {
        case "user" -> "user";
        case "item" -> "item";
        case "weight", "rating", "plays", "count", "playcount" -> "weight";
        case "timestamp", "time", "ts" -> "timestamp";
        case "skip", "skipped" -> "skip";
        case "header" -> "header";
        default -> throw new IllegalArgumentException("unknown column role '" + p.substring(0, eq).strip()
            + "' in '" + spec + "'; known: user, item, weight, timestamp, skip, header");
      };
      if (m.put(key, p.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException("column role '" + key + "' given twice in '" + spec + "'");
      }
    }
    if (!m.containsKey("user") || !m.containsKey("item")) {
      throw new IllegalArgumentException("column roles need at least user=... and item=...; got '" + spec + "'");
    }
    boolean header = true;
    if (m.containsKey("header")) {
      String h = m.get("header").toLowerCase(Locale.ROOT);
      if (!Set.of("true", "false").contains(h)) {
        throw new IllegalArgumentException("header must be true or false; got '" + m.get("header") + "'");
      }
      header = h.equals("true");
    }
    return new ColumnRoles(m.get("user"), m.get("item"), Optional.ofNullable(m.get("weight")),
        Optional.ofNullable(m.get("timestamp")), Optional.ofNullable(m.get("skip")), header);
  }

  /**
   * Finds the roles from common header names ({@code userId}, {@code user_id}, {@code trackId}, {@code movieId},
   * {@code artistID}, {@code rating}, {@code plays}, {@code timestamp}, ...).
   *
   * @return the roles, or empty when no user or no item column is recognised
   * @param header the header
   */
  public static Optional<ColumnRoles> detect(List<String> header) {
    String user = find(header, USER_NAMES);
    String item = find(header, ITEM_NAMES);
    if (user == null || item == null) {
      return Optional.empty();
    }
    return Optional.of(new ColumnRoles(user, item, Optional.ofNullable(find(header, WEIGHT_NAMES)),
        Optional.ofNullable(find(header, TIME_NAMES)), Optional.ofNullable(find(header, SKIP_NAMES)), true));
  }

  private static String find(List<String> header, List<String> names) {
    for (String n : names) {
      for (String h : header) {
        if (normalise(h).equals(n)) {
          return h;
        }
      }
    }
    return null;
  }

  /**
   * Lower case without '_', '-', '.' and spaces: how header names are compared.
   *
   * @param name the name
   * @return the lower case without '_', '-', '.' and spaces
   */
  public static String normalise(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && c != '-' && c != ' ' && c != '.') {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }

  /**
   * The command-line form, which {@link #parse} reads back.
   *
   * @return the command-line form, which {@link #parse} reads back
   */
  public String toSpec() {
    StringBuilder sb = new StringBuilder("user=").append(user).append(",item=").append(item);
    weight.ifPresent(w -> sb.append(",weight=").append(w));
    timestamp.ifPresent(t -> sb.append(",timestamp=").append(t));
    skip.ifPresent(s -> sb.append(",skip=").append(s));
    if (!header) {
      sb.append(",header=false");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ColumnRoles[" + toSpec() + "]";
  }
}
