package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject.Kind;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README and docs/ show code a reader copies: every Java block compiles against the modules its page
 * names, and every {@code sam4j} command in a bash block parses. Without this, a renamed class or flag
 * would leave the documentation wrong with nothing failing.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    private static final Pattern CLASS_NAME = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");
    private static final Pattern SAM4J_IMPORT = Pattern.compile("(?m)^import io\\.sam4j\\.(\\w+)\\.");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>sam4j-(\\w+)</artifactId>");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z_]+)=(.*)$");

    /** A fenced block of one page. */
    record Block(Path page, String language, String text) {}

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<Block> blocks(Path page) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(Files.readString(page, StandardCharsets.UTF_8));
        while (m.find()) {
            blocks.add(new Block(page, m.group(1), m.group(2)));
        }
        return blocks;
    }

    /** Surefire may hide the classpath behind a manifest-only jar; it names the real one here. */
    private static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    @Test
    void everyJavaBlockCompilesAgainstTheModulesItsPageNames(@TempDir Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = 0;
        Set<String> readmeModules = new TreeSet<>();
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            Set<String> named = new TreeSet<>();
            ARTIFACT.matcher(text).results().forEach(r -> named.add(r.group(1)));
            for (Block block : blocks(page)) {
                if (!block.language().equals("java")) {
                    continue;
                }
                String where = page.getFileName() + ": ```java block starting '"
                        + block.text().lines().findFirst().orElse("") + "'";
                Matcher name = CLASS_NAME.matcher(block.text());
                assertThat(name.find())
                        .as(where + " is a whole compilation unit")
                        .isTrue();
                // A module a snippet imports must be one its page tells the reader to depend on.
                SAM4J_IMPORT
                        .matcher(block.text())
                        .results()
                        .forEach(r -> assertThat(named)
                                .as(where + " imports io.sam4j." + r.group(1) + " but the page names sam4j-" + named)
                                .contains(r.group(1)));
                if (page.getFileName().toString().equals("README.md")) {
                    SAM4J_IMPORT.matcher(block.text()).results().forEach(r -> readmeModules.add(r.group(1)));
                }
                StringWriter errors = new StringWriter();
                SimpleJavaFileObject source =
                        new SimpleJavaFileObject(URI.create("string:///" + name.group(1) + ".java"), Kind.SOURCE) {
                            @Override
                            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                                return block.text();
                            }
                        };
                boolean ok = javac.getTask(
                                errors,
                                null,
                                null,
                                List.of("-classpath", testClasspath(), "-d", classes.toString(), "-proc:none"),
                                null,
                                List.of(source))
                        .call();
                assertThat(ok).as(where + " compiles:\n" + errors).isTrue();
                compiled++;
            }
        }
        assertThat(compiled).as("Java blocks found").isGreaterThanOrEqualTo(3);
        assertThat(readmeModules)
                .as("the README's snippet needs sam4j-core alone")
                .containsExactly("core");
    }

    @Test
    void everySam4jCommandShownParses() throws IOException {
        int parsed = 0;
        int inReadme = 0;
        List<String> failures = new ArrayList<>();
        for (Path page : pages()) {
            for (Block block : blocks(page)) {
                if (!block.language().equals("bash")) {
                    continue;
                }
                Map<String, String> variables = new HashMap<>();
                for (String line : block.text().replace("\\\n", " ").lines().toList()) {
                    List<String> words = words(line, variables);
                    if (words.isEmpty()
                            || !(words.get(0).equals("sam4j") || words.get(0).equals("./sam4j"))) {
                        continue;
                    }
                    String[] args = words.subList(1, words.size()).toArray(String[]::new);
                    try {
                        Sam4j.commandLine().parseArgs(args);
                    } catch (CommandLine.ParameterException e) {
                        failures.add(page.getFileName() + ": '" + line.strip() + "': " + e.getMessage());
                    }
                    parsed++;
                    if (page.getFileName().toString().equals("README.md")) {
                        inReadme++;
                    }
                }
            }
        }
        assertThat(failures).as("commands that do not parse").isEmpty();
        assertThat(inReadme).as("commands in the README's bash blocks").isGreaterThanOrEqualTo(6);
        assertThat(parsed).as("commands in all bash blocks").isGreaterThanOrEqualTo(20);
    }

    @Test
    void theWordSplitterReadsShellAsBashDoes() {
        Map<String, String> variables = new HashMap<>();
        assertThat(words("W=\"--epochs 3 --sam none\"", variables)).isEmpty();
        assertThat(words("./sam4j train $W --grid 'sam=none,sam seed=1,2' # a comment", variables))
                .containsExactly(
                        "./sam4j", "train", "--epochs", "3", "--sam", "none", "--grid", "sam=none,sam seed=1,2");
        assertThat(words("sam4j report runs/a > out.md && echo done", variables))
                .containsExactly("sam4j", "report", "runs/a");
    }

    /**
     * Splits a line into words as bash would for these simple commands: quotes, comments, {@code $NAME}
     * of an earlier {@code NAME="..."} in the block; the command ends at a pipe, redirection or list.
     * An assignment is recorded and yields no words.
     */
    static List<String> words(String line, Map<String, String> variables) {
        Matcher assignment = ASSIGNMENT.matcher(line.strip());
        if (assignment.matches()) {
            variables.put(assignment.group(1), String.join(" ", words(assignment.group(2), variables)));
            return List.of();
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                word = flush(word, words, variables);
            } else if (word == null && (c == '#' || c == '|' || c == '>' || c == '&' || c == ';')) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        flush(word, words, variables);
        return words;
    }

    private static StringBuilder flush(StringBuilder word, List<String> words, Map<String, String> variables) {
        if (word == null) {
            return null;
        }
        String text = word.toString();
        if (text.startsWith("$") && variables.containsKey(text.substring(1))) {
            words.addAll(List.of(variables.get(text.substring(1)).split(" ")));
        } else {
            words.add(text);
        }
        return null;
    }
}
