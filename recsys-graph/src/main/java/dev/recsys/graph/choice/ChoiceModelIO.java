package dev.recsys.graph.choice;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@value ChoiceModel#PROVIDER} format, version {@value ChoiceModel#FORMAT_VERSION}: the configuration as JSON;
 * the payload holds the feature count and names, the weights, the standard errors, the log-likelihood, the null
 * log-likelihood, the number of choices, the iterations and whether the fit converged.
 */
final class ChoiceModelIO {
  private ChoiceModelIO() {}

  static ModelContainer write(ChoiceModel m) {
    Payload.Writer wr = Payload.writer().putInt(m.featureNames().size());
    for (String n : m.featureNames()) {
      wr.putString(n);
    }
    wr.putDoubles(m.weights()).putDoubles(m.standardErrors()).putDouble(m.logLikelihood())
        .putDouble(m.nullLogLikelihood()).putInt(m.choices()).putInt(m.iterations()).putInt(m.converged() ? 1 : 0);
    return new ModelContainer(ChoiceModel.PROVIDER, ChoiceModel.FORMAT_VERSION, ConfigJson.write(m.config()),
        m.provenance(), wr.toByteArray());
  }

  static ChoiceModel read(ModelContainer c, String source) throws IOException {
    c.require(ChoiceModel.PROVIDER, ChoiceModel.FORMAT_VERSION);
    ChoiceModelConfig config = ConfigJson.readModelConfig(c.configJson(), ChoiceModelConfig.class, source);
    Payload.Reader r = Payload.reader(c.payload());
    int n = r.getInt();
    if (n < 1 || n > 10_000) {
      throw new ModelFormatException(source + ": feature count must be in [1, 10000]; got " + n);
    }
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(r.getString());
    }
    double[] w = r.getDoubles();
    double[] se = r.getDoubles();
    double ll = r.getDouble();
    double ll0 = r.getDouble();
    int choices = r.getInt();
    int iterations = r.getInt();
    boolean converged = r.getInt() != 0;
    r.requireEnd();
    return new ChoiceModel(names, w, se, ll, ll0, choices, iterations, converged, config, c.provenance());
  }
}
