package io.weblog.source.store;

import io.weblog.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a check reads access logs from a log store (OpenSearch or Elasticsearch): where it is, which indices and
 * documents, how to log in, and how documents map onto hits.
 *
 * @param url the store's base URL, such as {@code https://logs.example.com:9200}
 * @param index the index pattern to search, such as {@code logs-*}
 * @param query an optional filter in the store's query-string syntax ({@code service.name:shop}), or {@code null}
 * @param login how to log in
 * @param caFile a PEM file of certificate authorities trusted besides the JVM's own, or {@code null}
 * @param fields which document fields hold the parts of a hit
 * @param hostField the field whose values give each its own verdict (as SSH hosts do), or {@code null} to judge every
 *     document together
 * @param connectTimeout how long connecting may take
 * @param lag how long after its time a document may take to become searchable (shipping and refresh): a followed
 *     window reads documents in time order once they are that old, and ends once the store has had that long past its
 *     end
 */
public record StoreSettings(URI url, String index, String query, StoreLogin login, Path caFile, StoreFields fields,
        String hostField, Duration connectTimeout, Duration lag) {

    /** The index pattern unless configured: the default of Filebeat, Fluent Bit and Elastic's data streams. */
    public static final String DEFAULT_INDEX = "logs-*";
    /** The field per-host verdicts come from unless configured (ECS {@code host.name}). */
    public static final String DEFAULT_HOST_FIELD = "host.name";
    /** How far a store may lag its servers unless configured: a shipper's flush interval plus a refresh. */
    public static final Duration DEFAULT_LAG = Duration.ofSeconds(5);

    /** Checks that nothing required is missing. */
    public StoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(lag, "lag");
    }

    /** The store's URL without any user information, as it may be printed. */
    public String displayUrl() {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * How a check logs in to a store: not at all, with a user and password (HTTP basic), or with an API key (the
     * {@code ApiKey} scheme of Elasticsearch: an id and a key, or both already encoded as one base64 text).
     *
     * @param user the user for basic authentication, or {@code null}
     * @param password the password for basic authentication, or {@code null}
     * @param apiKey {@code id:key} or the encoded key, or {@code null}
     */
    public record StoreLogin(String user, Secret password, Secret apiKey) {
        /** No login: the store is open, or a proxy in front of it authenticates. */
        public static final StoreLogin NONE = new StoreLogin(null, null, null);

        /** The value of the {@code Authorization} header, or {@code null} for none. */
        String authorization() {
            if (apiKey != null) {
                String key = apiKey.reveal();
                return "ApiKey " + (key.indexOf(':') >= 0 ? java.util.Base64.getEncoder()
                        .encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : key);
            }
            if (user != null) {
                String pair = user + ":" + (password == null ? "" : password.reveal());
                return "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return null;
        }

        /** How the login is described in messages, without its secret: {@code as user ci}, {@code with an API key}. */
        String describe() {
            return apiKey != null ? "with the API key from " + apiKey.origin()
                    : user != null ? "as user " + user : "without credentials";
        }
    }
}
