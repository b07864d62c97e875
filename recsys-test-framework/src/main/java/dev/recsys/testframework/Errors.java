package dev.recsys.testframework;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;
import org.junit.jupiter.api.function.Executable;

/**
 * Checks an error by its type and the facts it must name (a value, a bound, a field), not by its wording: an
 * implementation words its messages its own way, and the suites accept any message that carries the facts.
 */
public final class Errors {
  private Errors() {}

  /**
   * Asserts that {@code call} throws {@code type} whose message (or a cause's message) names every one of
   * {@code facts}, compared ignoring case.
   *
   * @param <T> the expected exception type
   * @param type the expected exception class; subclasses match
   * @param call the code that must throw
   * @param facts the texts the messages must all contain, e.g. a file name and a line number
   * @return the exception, for further checks
   */
  public static <T extends Throwable> T assertFailsNaming(Class<T> type, Executable call, String... facts) {
    T e = assertThrows(type, call);
    String text = messages(e).toLowerCase(Locale.ROOT);
    for (String fact : facts) {
      if (!text.contains(fact.toLowerCase(Locale.ROOT))) {
        fail(type.getSimpleName() + " does not name '" + fact + "': " + messages(e), e);
      }
    }
    return e;
  }

  /**
   * Asserts that {@code call} throws {@code type} whose message (or a cause's message) names at least one of
   * {@code alternatives} (several wordings of one fact, e.g. {@code "finite"} or {@code "NaN"}).
   *
   * @param <T> the expected exception type
   * @param type the expected exception class; subclasses match
   * @param call the code that must throw
   * @param alternatives the wordings, at least one of which the messages must contain
   * @return the exception, for further checks
   */
  public static <T extends Throwable> T assertFailsNamingAnyOf(Class<T> type, Executable call, String... alternatives) {
    T e = assertThrows(type, call);
    String text = messages(e).toLowerCase(Locale.ROOT);
    for (String a : alternatives) {
      if (text.contains(a.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    fail(type.getSimpleName() + " names none of " + java.util.Arrays.toString(alternatives) + ": " + messages(e), e);
    return e;
  }

  /**
   * The messages of {@code e} and its causes, joined by " / ".
   *
   * @param e the exception; a cause equal to itself ends the chain
   * @return the messages from {@code e} down its causes, {@code "null"} for a cause without a message
   */
  public static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (b.length() > 0) {
        b.append(" / ");
      }
      b.append(t.getMessage());
    }
    return b.toString();
  }
}
