package dev.recsys.core.data.internal;

import java.util.ArrayList;
import java.util.List;

/** Parses Python list literals of strings, as in {@code ['A', "Guns N' Roses"]}. */
final class ListLiteral {
  private ListLiteral() {}

  /**
   * The strings of the literal.
   *
   * @throws IllegalArgumentException naming the position when the text is not a list of quoted strings
   */
  static List<String> parse(String text) {
    String s = text.strip();
    if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
      throw new IllegalArgumentException("not a list literal like ['A', 'B']");
    }
    List<String> out = new ArrayList<>();
    int i = 1;
    int end = s.length() - 1;
    while (true) {
      while (i < end && s.charAt(i) == ' ') {
        i++;
      }
      if (i == end) {
        if (!out.isEmpty()) {
          throw new IllegalArgumentException("list literal ends with ','");
        }
        return out;
      }
      char q = s.charAt(i);
      if (q != '\'' && q != '"') {
        throw new IllegalArgumentException("list element at position " + i + " is not a quoted string");
      }
      StringBuilder sb = new StringBuilder();
      i++;
      while (true) {
        if (i >= end) {
          throw new IllegalArgumentException("unterminated string in list literal");
        }
        char c = s.charAt(i++);
        if (c == '\\' && i < end) {
          char n = s.charAt(i++);
          sb.append(switch (n) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> n;
          });
        } else if (c == q) {
          break;
        } else {
          sb.append(c);
        }
      }
      out.add(sb.toString());
      while (i < end && s.charAt(i) == ' ') {
        i++;
      }
      if (i == end) {
        return out;
      }
      if (s.charAt(i) != ',') {
        throw new IllegalArgumentException("expected ',' at position " + i + " of the list literal");
      }
      i++;
    }
  }
}
