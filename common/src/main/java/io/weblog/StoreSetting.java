package io.weblog;

/**
 * The settings of a check that reads its logs from a log store (OpenSearch or Elasticsearch), by meaning. A
 * {@link ConfigException} about one names it in {@link ConfigException#storeSetting()}, and a front door words it in
 * its own terms, as it does a {@link Setting}.
 *
 * <p>They are kept apart from {@link Setting} while the build-tool front doors do not offer them yet (each words
 * every {@link Setting} in an exhaustive table); such an exception's {@link ConfigException#setting()} is
 * {@link Setting#FILE}, the family of "where the logs are read from".
 */
public enum StoreSetting {
    /** The URL of the store. */
    URL,
    /** The index pattern to search. */
    INDEX,
    /** A filter of the documents in the store's query-string syntax. */
    QUERY,
    /** The user to log in to the store as. */
    USER,
    /** The password to log in with (from an environment variable or a file, or given by a program). */
    PASSWORD,
    /** The API key to log in with (from an environment variable or a file, or given by a program). */
    API_KEY,
    /** A file of certificate authorities the store's certificate may be signed by. */
    CA,
    /** Which document field holds which part of a hit. */
    FIELD,
    /** The document field that holds the raw log line, where only that was shipped. */
    LINE,
    /** The document field each value of which gets its own verdict. */
    HOST_FIELD,
    /** How long after its time a document may take to reach the store. */
    LAG
}
