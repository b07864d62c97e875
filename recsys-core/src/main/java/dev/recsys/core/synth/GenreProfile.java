package dev.recsys.core.synth;

import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sound of one synthetic genre: centres of its audio-feature distributions, its tempo, key and mode
 * habits, its era, typical durations and its share of the catalogue. The generator draws each artist's style
 * around these centres and each track around its artist.
 *
 * @param name genre label (lower case, as in the exported {@code track_genre} column)
 * @param family the family the genre belongs to (rock, electronic, ...)
 * @param weight relative share of artists in this genre (positive)
 * @param energy mean energy, in (0, 1)
 * @param danceability mean danceability, in (0, 1)
 * @param valence mean valence, in (0, 1)
 * @param acousticness mean acousticness, in (0, 1)
 * @param speechiness mean speechiness, in (0, 1)
 * @param instrumentalShare share of instrumental tracks, in [0, 1]
 * @param liveness mean liveness, in (0, 1)
 * @param tempo mean tempo in bpm
 * @param tempoSd tempo standard deviation in bpm
 * @param majorShare share of tracks in a major mode
 * @param keyProfile which keys the genre favours: {@code G} guitar keys (E, A, D, G, C), {@code H} horn keys
 *     (F, B flat, E flat, A flat, C), {@code P} pop keys (C, G, D, A, C sharp), {@code M} minor electronic keys
 *     (C sharp, F sharp, G sharp, A, F), {@code U} uniform
 * @param eraYear mean release year
 * @param eraSd release-year standard deviation of artists' careers
 * @param durationSeconds median duration in seconds
 * @param explicitShare share of tracks with explicit lyrics
 * @param tripleMeterShare share of tracks in 3/4
 */
public record GenreProfile(String name, String family, double weight, double energy, double danceability,
    double valence, double acousticness, double speechiness, double instrumentalShare, double liveness,
    double tempo, double tempoSd, double majorShare, char keyProfile, int eraYear, double eraSd,
    double durationSeconds, double explicitShare, double tripleMeterShare) {

  /** Validates the fields. */
  public GenreProfile {
    Checks.notBlank("genre name", name);
    Checks.notBlank("genre family", family);
    Checks.positive("weight", weight);
    open01("energy", energy);
    open01("danceability", danceability);
    open01("valence", valence);
    open01("acousticness", acousticness);
    open01("speechiness", speechiness);
    Checks.inRange("instrumentalShare", instrumentalShare, 0, 1);
    open01("liveness", liveness);
    Checks.inRange("tempo", tempo, 30, 250);
    Checks.inRange("tempoSd", tempoSd, 0, 100);
    Checks.inRange("majorShare", majorShare, 0, 1);
    if ("GHPMU".indexOf(keyProfile) < 0) {
      throw new IllegalArgumentException("keyProfile must be one of G, H, P, M, U; keyProfile=" + keyProfile);
    }
    Checks.inRange("eraYear", eraYear, 1900, 2030);
    Checks.inRange("eraSd", eraSd, 0, 100);
    Checks.inRange("durationSeconds", durationSeconds, 30, 3600);
    Checks.inRange("explicitShare", explicitShare, 0, 1);
    Checks.inRange("tripleMeterShare", tripleMeterShare, 0, 1);
  }

  private static void open01(String name, double v) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1); " + name + "=" + v);
    }
  }

  // name family weight energy dance valence acoustic speech instr live tempo tempoSd major keys era eraSd dur explicit 3/4
  private static final String TABLE = """
      pop               pop         3.0 .68 .66 .52 .18 .07 .02 .17 118 22 .58 P 2014  6 205 .18 .02
      dance-pop         pop         1.5 .76 .74 .60 .10 .07 .02 .17 122 12 .55 P 2012  6 210 .12 .01
      indie-pop         pop         1.2 .56 .60 .45 .35 .05 .05 .15 115 22 .62 G 2015  5 220 .08 .03
      k-pop             pop         0.8 .78 .68 .58 .12 .08 .01 .18 122 20 .55 P 2018  3 210 .05 .01
      synth-pop         pop         0.6 .70 .65 .55 .08 .05 .08 .15 120 15 .50 M 1990 10 240 .03 .01
      rock              rock        2.5 .74 .50 .50 .12 .05 .06 .20 125 25 .65 G 1995 15 240 .05 .03
      alt-rock          rock        1.2 .72 .48 .42 .10 .05 .05 .19 124 25 .62 G 2002  8 235 .08 .03
      punk              rock        0.7 .90 .45 .50 .03 .08 .02 .25 160 25 .70 G 1995 12 165 .25 .02
      hard-rock         rock        0.7 .85 .44 .48 .04 .06 .04 .22 128 25 .65 G 1985 10 265 .06 .02
      indie-rock        rock        1.0 .66 .50 .42 .18 .05 .08 .17 122 25 .64 G 2010  6 230 .08 .03
      grunge            rock        0.4 .80 .40 .35 .05 .05 .04 .20 118 22 .55 G 1994  5 250 .10 .03
      metal             metal       1.0 .92 .40 .35 .01 .08 .12 .20 130 30 .40 G 2000 12 290 .10 .03
      death-metal       metal       0.4 .95 .30 .18 .01 .12 .25 .22 140 35 .30 G 2002 10 280 .20 .02
      black-metal       metal       0.3 .93 .25 .12 .01 .07 .35 .18 145 35 .25 G 2004  9 390 .05 .02
      house             electronic  1.2 .80 .78 .55 .04 .07 .55 .12 124  4 .45 M 2012  8 360 .03 .00
      techno            electronic  1.0 .82 .72 .35 .03 .07 .80 .12 130  6 .38 M 2012  8 400 .01 .00
      trance            electronic  0.6 .86 .60 .38 .02 .05 .70 .14 138  4 .35 M 2008  7 420 .01 .00
      drum-and-bass     electronic  0.6 .90 .55 .40 .03 .08 .45 .18 174  3 .35 M 2012  7 300 .05 .00
      dubstep           electronic  0.5 .88 .58 .32 .03 .09 .40 .18 140  5 .35 M 2013  4 250 .08 .00
      ambient           electronic  0.6 .20 .30 .18 .80 .04 .85 .11  95 25 .55 U 2010 10 330 .00 .04
      edm               electronic  1.0 .85 .65 .45 .04 .07 .20 .20 126  6 .48 M 2015  4 200 .05 .00
      hip-hop           urban       2.5 .66 .76 .50 .14 .24 .01 .18 105 25 .48 M 2012  9 215 .65 .02
      trap              urban       1.2 .64 .78 .38 .10 .22 .01 .16 140 10 .42 M 2018  3 180 .75 .01
      r-n-b             urban       1.5 .58 .68 .52 .22 .10 .02 .15 100 22 .50 M 2010 10 225 .30 .05
      soul              urban       0.8 .56 .62 .62 .35 .06 .03 .18 108 25 .60 H 1972 10 195 .01 .08
      funk              urban       0.6 .72 .76 .75 .15 .08 .08 .20 112 12 .55 H 1978 10 260 .02 .02
      jazz              jazz-blues  1.2 .38 .55 .52 .65 .06 .45 .16 118 35 .56 H 1965 18 300 .00 .12
      blues             jazz-blues  0.7 .50 .52 .50 .45 .06 .08 .22 100 28 .58 G 1970 18 250 .01 .20
      classical         classical   1.2 .16 .30 .28 .92 .05 .88 .14 105 30 .60 U 1985 20 390 .00 .20
      piano             classical   0.6 .14 .38 .30 .96 .04 .92 .10 100 28 .55 U 2012  8 200 .00 .18
      opera             classical   0.4 .28 .27 .28 .88 .05 .20 .25 100 30 .58 U 1975 18 300 .00 .20
      soundtrack        classical   0.8 .32 .30 .22 .70 .05 .80 .12 108 30 .45 U 2008 10 180 .00 .10
      folk              folk        1.0 .38 .55 .45 .72 .04 .05 .15 112 25 .72 G 2008 12 220 .01 .15
      country           folk        1.5 .62 .60 .58 .30 .04 .01 .18 120 25 .82 G 2008 10 200 .03 .18
      bluegrass         folk        0.3 .58 .55 .62 .75 .04 .12 .25 130 30 .85 G 1995 15 180 .00 .15
      singer-songwriter folk        0.8 .35 .52 .38 .70 .05 .02 .14 110 25 .68 G 2010 10 230 .02 .18
      latin             latin       1.5 .72 .72 .65 .20 .08 .01 .18 120 25 .55 P 2015  6 210 .12 .02
      reggaeton         latin       1.0 .76 .80 .66 .12 .12 .00 .16  95  6 .48 M 2019  3 205 .35 .00
      salsa             latin       0.4 .75 .70 .78 .30 .05 .03 .22 180 20 .55 H 1985 15 290 .00 .02
      bossa-nova        latin       0.4 .35 .65 .55 .75 .05 .15 .13 126 20 .45 H 1970 15 190 .00 .06
      reggae            world       0.7 .60 .78 .70 .20 .12 .03 .20  90 20 .60 G 1990 15 240 .08 .02
      afrobeat          world       0.6 .74 .78 .72 .18 .10 .05 .18 108 12 .55 M 2018  6 215 .10 .02
      """;

  private static final List<GenreProfile> BUILT_IN = parseTable();

  private static List<GenreProfile> parseTable() {
    List<GenreProfile> out = new ArrayList<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] f = line.strip().split("\\s+");
      out.add(new GenreProfile(f[0], f[1], d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]), d(f[9]),
          d(f[10]), d(f[11]), d(f[12]), f[13].charAt(0), Integer.parseInt(f[14]), d(f[15]), d(f[16]), d(f[17]), d(f[18])));
    }
    return List.copyOf(out);
  }

  private static double d(String s) {
    return Double.parseDouble(s);
  }

  /**
   * The 42 built-in genres in 10 families, in table order (the generator uses the first {@code n}).
   *
   * @return the 42 built-in genres in 10 families, in table order (the generator uses the first {@code n})
   */
  public static List<GenreProfile> builtIn() {
    return BUILT_IN;
  }

  /**
   * The built-in genre with this name.
   *
   * @param name the name
   * @return the built-in genre with this name
   */
  public static GenreProfile builtIn(String name) {
    Objects.requireNonNull(name, "name");
    for (GenreProfile g : BUILT_IN) {
      if (g.name.equals(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException("unknown built-in genre '" + name + "'");
  }
}
