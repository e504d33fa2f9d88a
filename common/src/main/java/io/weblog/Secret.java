package io.weblog;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A password, passphrase or private key, read from an environment variable or a file, never from a command line, or
 * handed over by a program (a settings.xml server, a Jenkins credential). Its {@link #toString()} hides it, so it
 * cannot leak into a log, a report or an exception message by accident. It is serializable so that a build tool can
 * carry it, inside a check's {@link CheckSettings}, to the machine where the check runs.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final char[] value;
    private final String origin;

    private Secret(char[] value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /**
     * The value of an environment variable.
     *
     * @param variable the variable's name
     * @param setting the setting it is for, named in errors
     * @throws ConfigException when the variable is not set or empty
     */
    public static Secret fromEnvironment(String variable, Setting setting) throws ConfigException {
        if (variable == null || variable.isBlank()) {
            throw ConfigException.of(setting, variable, "expected the name of an environment variable");
        }
        String value = System.getenv(variable);
        if (value == null) {
            throw ConfigException.of(setting, variable, "the environment variable " + variable + " is not set");
        }
        if (value.isEmpty()) {
            throw ConfigException.of(setting, variable, "the environment variable " + variable + " is empty");
        }
        return new Secret(value.toCharArray(), "environment variable " + variable);
    }

    /**
     * The first line of a file (as {@code --password-file} in the tradition of {@code sshpass -f}).
     *
     * @param file the file's path
     * @param setting the setting it is for, named in errors
     * @throws ConfigException when the file cannot be read or is empty
     */
    public static Secret fromFile(String file, Setting setting) throws ConfigException {
        if (file == null || file.isBlank()) {
            throw ConfigException.of(setting, file, "expected the path of a file holding the secret");
        }
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw ConfigException.of(setting, file, "the file is empty");
            }
            return new Secret(line.toCharArray(), "file " + file);
        } catch (IOException | RuntimeException e) {
            throw ConfigException.of(setting, file, "cannot read the file: " + e.getMessage());
        }
    }

    /**
     * A secret given directly by a program (a Jenkins credential, say).
     *
     * @param value the secret
     * @param origin where it came from, safe to print, such as {@code credentials 'deploy-key'}
     */
    public static Secret of(String value, String origin) {
        return new Secret(value.toCharArray(), origin);
    }

    /** The secret itself, for the one place that needs it. */
    public String reveal() {
        return new String(value);
    }

    /** Where the secret came from, such as "environment variable DEPLOY_PASSWORD"; safe to print. */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && Arrays.equals(value, secret.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "[secret from " + origin + "]";
    }
}
