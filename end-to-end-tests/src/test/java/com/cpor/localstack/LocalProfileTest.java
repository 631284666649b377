package com.cpor.localstack;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's start command ({@code ./mvnw -pl local-stack -am -Plocal -DskipTests package}) runs local-stack's
 * {@code local} profile. That profile's Spring Boot plugin inherits the parent's {@code repackage}, which refuses a
 * module with more than one main class: local-stack has two (LocalStack, TrainAotCaches), so the profile must switch
 * repackaging off, or the command fails before anything starts.
 */
class LocalProfileTest {

    private static final Path HOME = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();

    @Test
    void the_readme_start_command_never_repackages_local_stack_whose_classes_have_several_main_methods()
            throws Exception {
        assertThat(Files.readString(HOME.resolve("README.md")))
                .contains("./mvnw -pl local-stack -am -Plocal -DskipTests package");
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(HOME.resolve("local-stack/pom.xml").toFile());
        List<String> repackagePhases = new ArrayList<>();
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int p = 0; p < profiles.getLength(); p++) {
            Element profile = (Element) profiles.item(p);
            if (!"local".equals(text(profile, "id"))) {
                continue;
            }
            NodeList executions = profile.getElementsByTagName("execution");
            for (int e = 0; e < executions.getLength(); e++) {
                Element execution = (Element) executions.item(e);
                if ("repackage".equals(text(execution, "id"))) {
                    repackagePhases.add(text(execution, "phase"));
                }
            }
        }
        List<String> mainClasses = mainClasses();
        assertThat(mainClasses).as("local-stack's main classes").contains("LocalStack");
        if (mainClasses.size() > 1) {
            assertThat(repackagePhases).as("the local profile's repackage execution, with main classes " + mainClasses)
                    .containsExactly("none");
        }
    }

    /** Simple names of the classes next to LocalStack with a {@code public static void main(String[])}. */
    private static List<String> mainClasses() throws Exception {
        Path location = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> mains = new ArrayList<>();
        // target/classes in an IDE, local-stack's jar in a Maven build
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
             Stream<Path> files = Files.list((jar == null ? location : jar.getPath("/"))
                     .resolve(LocalStack.class.getPackageName().replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(LocalStack.class.getPackageName() + "." + name, false,
                        LocalStack.class.getClassLoader());
                for (Method method : type.getDeclaredMethods()) {
                    if (method.getName().equals("main") && Modifier.isStatic(method.getModifiers())
                            && Modifier.isPublic(method.getModifiers())) {
                        mains.add(name);
                    }
                }
            }
        }
        return mains;
    }

    private static String text(Element parent, String child) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}
