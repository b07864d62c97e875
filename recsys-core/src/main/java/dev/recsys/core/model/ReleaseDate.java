package dev.recsys.core.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A release date known to year, month or day precision, as catalogues give it
 * ({@code 2019}, {@code 2019-06}, {@code 2019-06-14}).
 *
 * @param year the year, 1000 to 2999
 * @param month 1 to 12, or 0 when only the year is known
 * @param day 1 to 31, or 0 when the day is unknown
 */
public record ReleaseDate(int year, int month, int day) implements Comparable<ReleaseDate> {
  /** Validates the fields and that the date exists. */
  public ReleaseDate {
    if (year < 1000 || year > 2999) {
      throw new IllegalArgumentException("release year must be in [1000, 2999]; year=" + year);
    }
    if (month < 0 || month > 12) {
      throw new IllegalArgumentException("release month must be in [0, 12] (0 = unknown); month=" + month);
    }
    if (day < 0 || day > 31 || (month == 0 && day != 0)) {
      throw new IllegalArgumentException("release day must be in [0, 31] (0 = unknown) and needs a month; day=" + day);
    }
    if (day > 0) {
      LocalDate.of(year, month, day); // throws DateTimeException for 2019-02-30
    }
  }

  /**
   * A date known to the year only.
   *
   * @param year the year
   * @return a date known to the year only
   */
  public static ReleaseDate ofYear(int year) {
    return new ReleaseDate(year, 0, 0);
  }

  /**
   * Parses {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}.
   *
   * @throws IllegalArgumentException naming the text and the expected forms
   * @param text the text
   * @return the {@code ReleaseDate}
   */
  public static ReleaseDate parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    try {
      String[] parts = s.split("-", -1);
      if (parts.length == 1 && parts[0].length() == 4) {
        return ofYear(Integer.parseInt(parts[0]));
      }
      if (parts.length == 2 && parts[0].length() == 4 && parts[1].length() == 2) {
        return new ReleaseDate(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 0);
      }
      if (parts.length == 3 && parts[0].length() == 4 && parts[1].length() == 2 && parts[2].length() == 2) {
        return new ReleaseDate(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
      }
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("release date must be YYYY, YYYY-MM or YYYY-MM-DD; got '" + text + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("release date must be YYYY, YYYY-MM or YYYY-MM-DD; got '" + text + "'");
  }

  /**
   * Year as a fraction (mid-year or mid-month when the finer parts are unknown), for numeric features.
   *
   * @return the year as a fraction (mid-year or mid-month when the finer parts are unknown), for numeric features
   */
  public double fractionalYear() {
    if (month == 0) {
      return year + 0.5;
    }
    double d = day == 0 ? 15 : day;
    return year + (month - 1 + (d - 1) / 31.0) / 12.0;
  }

  @Override
  public int compareTo(ReleaseDate o) {
    int c = Integer.compare(year, o.year);
    if (c == 0) {
      c = Integer.compare(month, o.month);
    }
    return c != 0 ? c : Integer.compare(day, o.day);
  }

  @Override
  public String toString() {
    if (month == 0) {
      return String.format("%04d", year);
    }
    return day == 0 ? String.format("%04d-%02d", year, month) : String.format("%04d-%02d-%02d", year, month, day);
  }
}
