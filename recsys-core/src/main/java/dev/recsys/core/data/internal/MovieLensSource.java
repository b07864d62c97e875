package dev.recsys.core.data.internal;

import dev.recsys.core.data.DataFormatException;
import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MovieLens ratings as generic interactions, with the movies as catalogue entries.
 *
 * <ul>
 *   <li>ml-latest / ml-latest-small: {@code movies.csv} ({@code movieId,title,genres}, genres separated by
 *       {@code |}) then {@code ratings.csv} ({@code userId,movieId,rating,timestamp}).</li>
 *   <li>ml-100k: {@code u.item} (pipe-separated, ISO-8859-1, no quoting: id, title, release date, video release
 *       date, IMDb URL, 19 genre flags), {@code u.user} when present (pipe-separated: user id, age, gender,
 *       occupation, zip code) then {@code u.data} (tab-separated user, item, rating, timestamp).</li>
 * </ul>
 * Users of {@code u.user} become {@link Listener}s with the attributes {@value #ATTR_AGE} (whole years in [1, 120]),
 * {@value #ATTR_GENDER} ({@code M} or {@code F}), {@value #ATTR_OCCUPATION} and {@value #ATTR_ZIP}; a row breaking
 * one of these rules names the field ({@code u.user:12:2 (age): must be in [1, 120]; got 0}).
 * The movie file is optional. Movies become {@link Track}s (id, title, genres, release year); ratings become
 * {@link Interaction}s with the rating as weight and the timestamp in epoch seconds. Ratings must lie on the
 * scale [{@value #MIN_RATING}, {@value #MAX_RATING}]; when the movie file is there, a rating of a movie it does not
 * list breaks the rule {@code unknown-reference} (strict: an error; lenient: skipped and counted).
 */
public final class MovieLensSource implements DataSource {
  /** The genre flags of ml-100k's {@code u.item}, in column order. */
  static final List<String> ML100K_GENRES = List.of("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy",
      "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
      "Thriller", "War", "Western");
  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");
  /** Release dates of {@code u.item}: {@code 01-Jan-1995}, and with a one-digit day as older files write them. */
  private static final DateTimeFormatter ML100K_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
  /** The MovieLens rating scale: half stars from 0.5 to 5. */
  static final double MIN_RATING = 0.5;
  static final double MAX_RATING = 5.0;

  /** Listener attribute of ml-100k users: age in years. */
  public static final String ATTR_AGE = "age";
  /** Listener attribute of ml-100k users: {@code M} or {@code F}. */
  public static final String ATTR_GENDER = "gender";
  /** Listener attribute of ml-100k users: occupation label. */
  public static final String ATTR_OCCUPATION = "occupation";
  /** Listener attribute of ml-100k users: zip code as written. */
  public static final String ATTR_ZIP = "zip";

  private final Path dir;
  private final ReadOptions options;

  /**
   * A source over a MovieLens directory (or its {@code ratings.csv} / {@code u.data} file).
   */
  public MovieLensSource(Path dirOrFile, ReadOptions options) {
    this.dir = Files.isDirectory(dirOrFile) ? dirOrFile : dirOrFile.toAbsolutePath().getParent();
    this.options = options;
  }

  @Override
  public String description() {
    return "movielens " + dir;
  }

  @Override
  public ReadReport read(MusicDataHandler handler) throws IOException {
    Problems problems = new Problems(options);
    if (Files.isRegularFile(dir.resolve("ratings.csv"))) {
      Path movies = dir.resolve("movies.csv");
      Set<String> known = null;
      if (Files.isRegularFile(movies)) {
        known = new HashSet<>();
        readMovies(movies, problems, catalogue(handler, known));
      }
      readRatings(dir.resolve("ratings.csv"), problems, handler, known);
    } else if (Files.isRegularFile(dir.resolve("u.data"))) {
      Path items = dir.resolve("u.item");
      Set<String> known = null;
      if (Files.isRegularFile(items)) {
        known = new HashSet<>();
        readItems100k(items, problems, catalogue(handler, known));
      }
      Path users = dir.resolve("u.user");
      if (Files.isRegularFile(users)) {
        readUsers100k(users, problems, handler);
      }
      readData100k(dir.resolve("u.data"), problems, handler, known);
    } else {
      throw new NoSuchFileException(dir.toString(), null,
          "not a MovieLens directory: neither ratings.csv (ml-latest) nor u.data (ml-100k) is there");
    }
    return problems.report();
  }

  private static void readMovies(Path file, Problems problems, MusicDataHandler handler) throws IOException {
    problems.source(file.toString());
    try (DelimitedReader r = DelimitedReader.open(file, StandardCharsets.UTF_8, ',', true)) {
      String[] h = Rows.header(r, "movieId,title,genres");
      int id = require(r, h, "movieId");
      int title = require(r, h, "title");
      int genres = require(r, h, "genres");
      Rows.forEach(r, problems, h.length, row -> {
        String movie = Rows.id(row, id);
        Track.Builder b = Track.builder(movie);
        String t = row.get(title).strip();
        if (!t.isEmpty()) {
          b.title(t);
          year(t).ifPresent(b::releaseDate);
        }
        String g = row.get(genres).strip();
        if (!g.isEmpty() && !g.equals("(no genres listed)")) {
          b.genres(List.of(g.split("\\|")));
        }
        handler.track(b.build());
        problems.record("tracks");
      });
    }
  }

  /** A handler that notes the ids of the movies it passes on. */
  private static MusicDataHandler catalogue(MusicDataHandler handler, Set<String> known) {
    return new MusicDataHandler() {
      @Override
      public void track(Track track) {
        known.add(track.id());
        handler.track(track);
      }
    };
  }

  private static java.util.Optional<ReleaseDate> year(String title) {
    Matcher m = YEAR.matcher(title);
    if (m.find()) {
      int y = Integer.parseInt(m.group(1));
      if (y >= 1000 && y <= 2999) {
        return java.util.Optional.of(ReleaseDate.ofYear(y));
      }
    }
    return java.util.Optional.empty();
  }

  private static void readRatings(Path file, Problems problems, MusicDataHandler handler, Set<String> known)
      throws IOException {
    problems.source(file.toString());
    try (DelimitedReader r = DelimitedReader.open(file, StandardCharsets.UTF_8, ',', true)) {
      String[] h = Rows.header(r, "userId,movieId,rating,timestamp");
      int user = require(r, h, "userId");
      int movie = require(r, h, "movieId");
      int rating = require(r, h, "rating");
      int time = require(r, h, "timestamp");
      Rows.forEach(r, problems, h.length, row -> {
        emitRating(row, user, movie, rating, time, handler, known);
        problems.record("interactions");
      });
    }
  }

  private static void emitRating(DelimitedReader row, int user, int movie, int rating, int time, MusicDataHandler handler,
      Set<String> known) throws DataFormatException {
    String u = Rows.id(row, user);
    String m = Rows.id(row, movie);
    if (known != null && !known.contains(m)) {
      throw row.error(movie + 1, Rule.UNKNOWN_REFERENCE, "movie '" + DelimitedReader.clip(m)
          + "' is not in the movie file");
    }
    double w = row.getDouble(rating, MIN_RATING, MAX_RATING);
    long t = row.getLong(time);
    handler.interaction(new Interaction(u, m, w, t, false));
  }

  private static void readItems100k(Path file, Problems problems, MusicDataHandler handler) throws IOException {
    problems.source(file.toString());
    try (DelimitedReader r = DelimitedReader.open(file, StandardCharsets.ISO_8859_1, '|', false)) {
      String[] names = new String[5 + ML100K_GENRES.size()];
      names[0] = "movie id";
      names[1] = "movie title";
      names[2] = "release date";
      names[3] = "video release date";
      names[4] = "IMDb URL";
      for (int i = 0; i < ML100K_GENRES.size(); i++) {
        names[5 + i] = ML100K_GENRES.get(i);
      }
      r.header(names);
      Rows.forEach(r, problems, names.length, row -> {
        Track.Builder b = Track.builder(Rows.id(row, 0));
        String t = row.get(1).strip();
        if (!t.isEmpty()) {
          b.title(t);
        }
        String d = row.get(2).strip();
        if (!d.isEmpty()) {
          try {
            LocalDate date = LocalDate.parse(d, ML100K_DATE);
            b.releaseDate(new ReleaseDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
          } catch (DateTimeParseException | IllegalArgumentException e) {
            throw row.error(3, Rule.BAD_VALUE, "not a date like 01-Jan-1995 or 4-Feb-1971: '" + DelimitedReader.clip(d) + "'");
          }
        }
        List<String> genres = new ArrayList<>();
        for (int i = 0; i < ML100K_GENRES.size(); i++) {
          if (row.getInt(5 + i, 0, 1) == 1 && i > 0) {
            genres.add(ML100K_GENRES.get(i));
          }
        }
        handler.track(b.genres(genres).build());
        problems.record("tracks");
      });
    }
  }

  private static void readUsers100k(Path file, Problems problems, MusicDataHandler handler) throws IOException {
    problems.source(file.toString());
    try (DelimitedReader r = DelimitedReader.open(file, StandardCharsets.ISO_8859_1, '|', false)) {
      r.header(new String[] {"user id", ATTR_AGE, ATTR_GENDER, ATTR_OCCUPATION, ATTR_ZIP});
      Rows.forEach(r, problems, 5, row -> {
        String id = Rows.id(row, 0);
        int age = row.getInt(1, 1, 120);
        String gender = row.get(2).strip();
        if (!gender.equals("M") && !gender.equals("F")) {
          throw row.error(3, gender.isEmpty() ? Rule.MISSING_VALUE : Rule.BAD_VALUE,
              "expected M or F; got '" + DelimitedReader.clip(gender) + "'");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(ATTR_AGE, Integer.toString(age));
        attrs.put(ATTR_GENDER, gender);
        if (!row.get(3).isBlank()) {
          attrs.put(ATTR_OCCUPATION, row.get(3).strip());
        }
        if (!row.get(4).isBlank()) {
          attrs.put(ATTR_ZIP, row.get(4).strip());
        }
        handler.listener(new Listener(id, java.util.Optional.empty(), attrs));
        problems.record("listeners");
      });
    }
  }

  private static void readData100k(Path file, Problems problems, MusicDataHandler handler, Set<String> known)
      throws IOException {
    problems.source(file.toString());
    try (DelimitedReader r = DelimitedReader.open(file, StandardCharsets.UTF_8, '\t', false)) {
      r.header(new String[] {"user id", "item id", "rating", "timestamp"});
      Rows.forEach(r, problems, 4, row -> {
        emitRating(row, 0, 1, 2, 3, handler, known);
        problems.record("interactions");
      });
    }
  }

  private static int require(DelimitedReader r, String[] header, String name) throws DataFormatException {
    int i = Rows.indexOf(header, name);
    if (i < 0) {
      throw new DataFormatException(r.name(), 1, 0, null, Rule.UNKNOWN_HEADER,
          "missing column '" + name + "' in the header " + Arrays.toString(header));
    }
    return i;
  }
}
