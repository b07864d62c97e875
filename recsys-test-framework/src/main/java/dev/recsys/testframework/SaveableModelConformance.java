package dev.recsys.testframework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistence contract of a {@link SaveableModel}: saved with {@link SaveableModel#save(Path)}, it is read back by
 * the plugin that names its provider ({@link Plugin#load}, found by {@link Plugins#load(Path, Class)}) into a model
 * that answers exactly as the saved one, with the same provenance; the container is a pure function of the model;
 * and a file of a newer format version, another provider or damaged bytes is refused with a
 * {@link ModelFormatException} naming the file (and, for versions, both numbers).
 *
 * <p>Implement {@link #model()} (a fitted model), {@link #type()} (what {@link Plugins#load(Path, Class)} is asked
 * for) and {@link #assertSameAnswers} (the model's own observable behaviour: lists, scores, vectors, weights).
 *
 * @param <M> the model type
 */
public abstract class SaveableModelConformance<M extends SaveableModel> {
  /** For subclasses, which JUnit instantiates once per test. */
  protected SaveableModelConformance() {}

  /** A temporary directory for the saved files. */
  @TempDir
  protected Path dir;

  /**
   * A fitted model; each call may return a new one, fitted the same way.
   *
   * @return a fitted model
   */
  protected abstract M model();

  /**
   * The type the loaded model is asked for: the model's class or the interface its plugin kind loads.
   *
   * @return the type
   */
  protected abstract Class<? super M> type();

  /**
   * Fails unless {@code loaded} answers every query exactly as {@code saved} does.
   *
   * @param saved the model that was saved
   * @param loaded the model read back
   */
  protected abstract void assertSameAnswers(M saved, Object loaded);

  /** Saves {@code m} and reads it back through the plugin that reads its provider. */
  private Object roundTrip(M m, String name) throws IOException {
    Path file = dir.resolve(name);
    m.save(file);
    return Plugins.load(file, type());
  }

  /**
   * A saved model loads back through its plugin as an instance of {@link #type()} that answers exactly as the saved
   * one.
   *
   * @throws IOException if a model file cannot be written or read
   */
  @Test
  public void aSavedModelLoadsBackThroughItsPluginAndAnswersTheSame() throws IOException {
    M m = model();
    Object loaded = roundTrip(m, "model.rsm");
    assertTrue(type().isInstance(loaded), "loaded " + loaded.getClass().getName() + " is not a " + type().getName());
    assertSameAnswers(m, loaded);
  }

  /**
   * The container carries the model's provenance, and the loaded model reports the same provenance.
   *
   * @throws IOException if a model file cannot be written or read
   */
  @Test
  public void theProvenanceIsKept() throws IOException {
    M m = model();
    Object loaded = roundTrip(m, "provenance.rsm");
    assertEquals(m.provenance(), m.toContainer().provenance(), "provenance() and the container's differ");
    assertTrue(loaded instanceof SaveableModel, "a loaded model saves again: " + loaded.getClass().getName());
    assertEquals(m.provenance(), ((SaveableModel) loaded).provenance());
  }

  /**
   * Two containers of one model are byte-identical, and saving the loaded model again gives the same provider,
   * configuration and payload.
   *
   * @throws IOException if a model file cannot be written or read
   */
  @Test
  public void theContainerIsAPureFunctionOfTheModel() throws IOException {
    M m = model();
    assertArrayEquals(bytes(m.toContainer()), bytes(m.toContainer()), "two containers of one model differ");
    ModelContainer c = m.toContainer();
    assertTrue(c.payloadVersion() >= 1, "format version " + c.payloadVersion());
    Object loaded = roundTrip(m, "again.rsm");
    ModelContainer back = ((SaveableModel) loaded).toContainer();
    assertEquals(c.provider(), back.provider());
    assertEquals(c.configJson(), back.configJson());
    assertArrayEquals(c.payload(), back.payload(), "saving a loaded model changes its payload");
  }

  /**
   * A container of a newer format version than the plugin reads is refused naming the file and both versions.
   *
   * @throws IOException if a model file cannot be written or read
   */
  @Test
  public void aNewerFormatVersionIsRefusedNamingTheFileAndBothVersions() throws IOException {
    ModelContainer c = model().toContainer();
    int newer = c.payloadVersion() + 1;
    Path file = dir.resolve("newer.rsm");
    new ModelContainer(c.provider(), newer, c.configJson(), c.provenance(), c.payload()).writeTo(file);
    Errors.assertFailsNaming(ModelFormatException.class, () -> Plugins.load(file, type()), file.toString(),
        String.valueOf(newer), String.valueOf(c.payloadVersion()));
  }

  /**
   * A container of a provider no plugin reads is refused naming the file and the provider.
   *
   * @throws IOException if a model file cannot be written or read
   */
  @Test
  public void anUnknownProviderIsRefusedNamingTheFileAndTheProvider() throws IOException {
    ModelContainer c = model().toContainer();
    Path file = dir.resolve("unknown.rsm");
    new ModelContainer("no-such-provider", 1, c.configJson(), c.provenance(), c.payload()).writeTo(file);
    Errors.assertFailsNaming(ModelFormatException.class, () -> Plugins.load(file, type()), file.toString(),
        "no-such-provider");
  }

  /**
   * Truncated files, flipped bits and truncated payloads are refused with a {@link ModelFormatException} naming the
   * file.
   *
   * @throws IOException if a model file cannot be written or read
   */
  @Test
  public void damagedFilesAreRefusedNamingTheFile() throws IOException {
    Path file = dir.resolve("damaged.rsm");
    model().save(file);
    byte[] good = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(good, good.length - 9));
    Errors.assertFailsNaming(ModelFormatException.class, () -> Plugins.load(file, type()), file.toString());
    byte[] flipped = good.clone();
    flipped[flipped.length / 2] ^= 0x40;
    Files.write(file, flipped);
    Errors.assertFailsNaming(ModelFormatException.class, () -> Plugins.load(file, type()), file.toString());
    ModelContainer c = model().toContainer();
    byte[] shortPayload = Arrays.copyOf(c.payload(), c.payload().length / 2);
    new ModelContainer(c.provider(), c.payloadVersion(), c.configJson(), c.provenance(), shortPayload).writeTo(file);
    ModelFormatException e = Errors.assertFailsNaming(ModelFormatException.class, () -> Plugins.load(file, type()),
        file.toString());
    assertFalse(e.getMessage().isBlank());
  }

  private static byte[] bytes(ModelContainer c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.write(out);
    return out.toByteArray();
  }
}
