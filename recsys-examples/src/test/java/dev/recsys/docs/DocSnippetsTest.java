package dev.recsys.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of the guides as shown, imports included, against the modules on this test's
 * class path (core, embedding, graph, spotify, examples, test framework). A block declaring a top-level type is
 * compiled as a source file; any other block is a list of imports followed by statements, compiled as the body of
 * a method. A block marked {@code ```java fragment} is an excerpt and is skipped.
 */
class DocSnippetsTest {
  private static final Pattern TYPE = Pattern.compile("^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
      Pattern.MULTILINE);

  @TempDir
  Path out;

  /** One {@code ```java} block. */
  record Snippet(String file, int line, String code) {}

  /** The compilable blocks of a Markdown text; {@code fragments} counts the skipped ones. */
  static List<Snippet> snippets(String file, String markdown, int[] fragments) {
    List<Snippet> out = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String info = lines[i].strip();
      if (!info.startsWith("```java")) {
        continue;
      }
      int start = i + 1;
      StringBuilder code = new StringBuilder();
      for (i = start; i < lines.length && !lines[i].strip().equals("```"); i++) {
        code.append(lines[i]).append('\n');
      }
      if (info.substring(3).strip().toLowerCase(Locale.ROOT).contains("fragment")) {
        fragments[0]++;
      } else {
        out.add(new Snippet(file, start + 1, code.toString()));
      }
    }
    return out;
  }

  /** The compiler's errors for {@code snippets}, each naming the Markdown file and line; empty when all compile. */
  List<String> compile(List<Snippet> snippets) throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int n = 0; n < snippets.size(); n++) {
      Snippet s = snippets.get(n);
      Matcher m = TYPE.matcher(s.code());
      String name;
      String source;
      if (m.find()) {
        name = m.group(1);
        source = s.code();
      } else {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        boolean inImports = true;
        for (String line : s.code().split("\n", -1)) {
          if (inImports && (line.startsWith("import ") || line.isBlank())) {
            imports.append(line).append('\n');
          } else {
            inImports = false;
            body.append(line).append('\n');
          }
        }
        name = "Snippet" + n;
        source = imports + "class " + name + " { static void run() throws Exception { " + body + "}}\n";
      }
      String className = name;
      sources.add(new SimpleJavaFileObject(java.net.URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      });
      Files.createDirectories(out.resolve("s" + n));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> errors = new ArrayList<>();
    // each snippet alone, so that two snippets may declare the same names
    for (int n = 0; n < sources.size(); n++) {
      DiagnosticCollector<JavaFileObject> d = new DiagnosticCollector<>();
      boolean ok = javac.getTask(null, null, d, List.of("-d", out.resolve("s" + n).toString(), "-proc:none",
          "-classpath", System.getProperty("java.class.path")), null, List.of(sources.get(n))).call();
      for (Diagnostic<? extends JavaFileObject> e : d.getDiagnostics()) {
        if (e.getKind() == Diagnostic.Kind.ERROR) {
          Snippet s = snippets.get(n);
          // a wrapped snippet keeps its lines: the class and method header share the first line of its body
          errors.add(s.file() + ": block at line " + s.line() + ", snippet line " + e.getLineNumber() + ": "
              + e.getMessage(Locale.ROOT));
        }
      }
      if (!ok && d.getDiagnostics().isEmpty()) {
        errors.add(snippets.get(n).file() + ": block at line " + snippets.get(n).line() + " does not compile");
      }
    }
    return errors;
  }

  private List<String> check(Path markdown, int minimumBlocks) throws IOException {
    int[] fragments = {0};
    List<Snippet> s = snippets(markdown.getFileName().toString(), Files.readString(markdown), fragments);
    assertTrue(s.size() >= minimumBlocks, markdown + " has " + s.size() + " java blocks");
    return compile(s);
  }

  @Test
  void everyGuideSnippetCompilesAsShown() throws IOException {
    Path docs = Path.of("..", "docs");
    List<Path> guides;
    try (Stream<Path> files = Files.list(docs)) {
      guides = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    assertFalse(guides.isEmpty(), "no guides under " + docs.toAbsolutePath());
    List<String> errors = new ArrayList<>();
    int blocks = 0;
    for (Path g : guides) {
      int[] fragments = {0};
      List<Snippet> s = snippets(g.getFileName().toString(), Files.readString(g), fragments);
      blocks += s.size();
      errors.addAll(compile(s));
    }
    assertTrue(blocks >= 4, "only " + blocks + " java blocks in docs/");
    assertEquals(List.of(), errors);
  }

  @Test
  void everyReadmeSnippetCompilesAsShown() throws IOException {
    assertEquals(List.of(), check(Path.of("..", "README.md"), 1));
  }

  @Test
  void aSnippetWithoutItsImportsFailsNamingFileAndLine() throws IOException {
    String md = "text\n```java\nCatalog c = null;\n```\n\n```java fragment\nnot java at all\n```\n"
        + "```java\nimport dev.recsys.core.model.Catalog;\n\nCatalog c = null;\n```\n";
    int[] fragments = {0};
    List<Snippet> s = snippets("x.md", md, fragments);
    assertEquals(2, s.size());
    assertEquals(1, fragments[0]);
    List<String> errors = compile(s);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("x.md: block at line 3") && errors.get(0).contains("Catalog"), errors.get(0));
  }
}
