package dev.recsys.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of URI components into UTF-8 text: a {@code %} must be followed by two hex digits and the
 * decoded bytes must be valid UTF-8; anything else is an error that says where, never a replacement character.
 */
final class PercentDecoding {
  private PercentDecoding() {}

  /** A decoding error with the position (0-based character offset) and the rule broken. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * Decodes {@code s}; when {@code plusIsSpace} (query strings, form encoding) {@code +} becomes a space.
   *
   * @throws MalformedException naming the offending escape and its position, or saying the bytes are not UTF-8
   */
  static String decode(String s, boolean plusIsSpace) throws MalformedException {
    if (s.indexOf('%') < 0) {
      return plusIsSpace ? s.replace('+', ' ') : s;
    }
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 1 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          String esc = s.substring(i, Math.min(s.length(), i + 3));
          throw new MalformedException("malformed percent-encoding '" + esc + "' at character " + i
              + " (a % must be followed by two hex digits)");
        }
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (c > 0x7f) {
        throw new MalformedException("non-ASCII character at character " + i + " (must be percent-encoded)");
      } else {
        out[n++] = (byte) (plusIsSpace && c == '+' ? ' ' : c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedException("percent-encoded bytes are not valid UTF-8");
    }
  }
}
