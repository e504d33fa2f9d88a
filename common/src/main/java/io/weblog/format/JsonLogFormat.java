package io.weblog.format;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * JSON lines access logs, one object per line, as Caddy, nginx with {@code escape=json} and Traefik write them. A
 * mapping names the key path of each field; a byte scanner picks those values out of each line without a JSON library
 * and without allocating, skipping everything else.
 *
 * <p>A line is a hit when it is one complete JSON object that has a status and, if the mapping names any, one of the
 * request fields ({@code request}, {@code target}, {@code method}, {@code path}, {@code query}): that is also what
 * tells the presets apart during format detection.
 */
public final class JsonLogFormat implements LogFormat {
    private static final int MAX_DEPTH = 64;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private static final byte ABSENT = 0;
    private static final byte STRING = 1;
    private static final byte ESCAPED_STRING = 2;
    private static final byte NUMBER = 3;
    private static final byte LITERAL = 4;

    private static final java.util.regex.Pattern GO_DURATION =
            java.util.regex.Pattern.compile("(\\d+(\\.\\d+)?(h|m|s|ms|us|\u00b5s|\u03bcs|ns))+");
    private static final java.util.regex.Pattern GO_DURATION_PART =
            java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|\u00b5s|\u03bcs|ns)");
    private static final String CADDY_MAPPING = "time=ts,client=request.client_ip|request.remote_ip,user=user_id,"
            + "method=request.method,vhost=request.host,target=request.uri,protocol=request.proto,"
            + "referrer=request.headers.Referer,agent=request.headers.User-Agent,status=status,bytes=size,"
            + "duration=duration";
    private static final String NGINX_JSON_MAPPING = "time=time_iso8601|time_local|msec|@timestamp|time|timestamp,"
            + "client=remote_addr,user=remote_user,request=request,method=request_method,target=request_uri,"
            + "status=status,bytes=body_bytes_sent|bytes_sent,referrer=http_referer|http_referrer,"
            + "agent=http_user_agent,vhost=host|server_name|http_host,duration=request_time";
    private static final String TRAEFIK_MAPPING = "time=StartUTC|StartLocal|time,client=ClientHost,user=ClientUsername,"
            + "method=RequestMethod,target=RequestPath,protocol=RequestProtocol,vhost=RequestHost,"
            + "status=DownstreamStatus,bytes=DownstreamContentSize,referrer=request_Referer,"
            + "agent=request_User-Agent,duration=Duration:ns";

    private static final JsonLogFormat CADDY = compilePreset("caddy", CADDY_MAPPING);
    private static final JsonLogFormat NGINX_JSON = compilePreset("nginx-json", NGINX_JSON_MAPPING);
    private static final JsonLogFormat TRAEFIK = compilePreset("traefik", TRAEFIK_MAPPING);

    /** What a mapped value means; the order is the order values are applied (specific fields after composite ones). */
    private enum Kind {
        TIME, CLIENT, USER, REQUEST, TARGET, METHOD, PATH, QUERY, PROTOCOL, STATUS, BYTES, REFERRER, AGENT, VHOST,
        DURATION;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean describesRequest() {
            return this == REQUEST || this == TARGET || this == METHOD || this == PATH || this == QUERY;
        }
    }

    /** One mapped field: its alternative key paths, as slots in the order they are tried. */
    private record Mapped(Kind kind, int[] slots) {
    }

    /**
     * A key path step: the keys wanted below it, in an open-addressing table so that a key nobody wants is usually
     * dismissed after one probe, and the slots its own value fills.
     */
    /**
     * A duration as Go writes it ({@code 1.5s}, {@code 2m3.004s}, {@code 350µs}, {@code 120ns}), which Caddy logs
     * with {@code duration_format string}, in microseconds; -1 when it is not one.
     */
    static long goDurationMicros(String text) {
        java.util.regex.Matcher part = GO_DURATION_PART.matcher(text);
        if (text.isEmpty() || !GO_DURATION.matcher(text).matches()) {
            return -1;
        }
        double micros = 0;
        while (part.find()) {
            double value = Double.parseDouble(part.group(1));
            micros += value * switch (part.group(2)) {
                case "h" -> 3_600_000_000.0;
                case "m" -> 60_000_000.0;
                case "s" -> 1_000_000.0;
                case "ms" -> 1_000.0;
                case "us", "\u00b5s", "\u03bcs" -> 1.0;
                default -> 0.001;
            };
        }
        return Math.round(micros);
    }

    private static final class Node {
        private final byte[][] table;
        private final Node[] tableChildren;
        private final int mask;
        private final boolean hasChildren;
        private final int[] slots;

        Node(byte[][] keys, Node[] children, int[] slots) {
            int size = Integer.highestOneBit(Math.max(1, keys.length) * 4 - 1) << 1;
            this.table = new byte[size][];
            this.tableChildren = new Node[size];
            this.mask = size - 1;
            this.hasChildren = keys.length > 0;
            this.slots = slots;
            for (int k = 0; k < keys.length; k++) {
                int index = hash(keys[k], 0, keys[k].length) & mask;
                while (table[index] != null) {
                    index = index + 1 & mask;
                }
                table[index] = keys[k];
                tableChildren[index] = children[k];
            }
        }

        Node child(byte[] b, int start, int end) {
            int length = end - start;
            int index = hash(b, start, end) & mask;
            byte[] key;
            while ((key = table[index]) != null) {
                if (key.length == length && sameBytes(key, b, start, length)) {
                    return tableChildren[index];
                }
                index = index + 1 & mask;
            }
            return null;
        }

        private static int hash(byte[] b, int start, int end) {
            int length = end - start;
            if (length == 0) {
                return 0;
            }
            int h = (length * 31 + b[start]) * 31 + b[start + length / 2] * 7 + b[end - 1];
            return h ^ h >>> 5;
        }

        private static boolean sameBytes(byte[] key, byte[] b, int start, int length) {
            int k = 0;
            for (; k + Long.BYTES <= length; k += Long.BYTES) {
                if ((long) LONGS.get(key, k) != (long) LONGS.get(b, start + k)) {
                    return false;
                }
            }
            for (; k < length; k++) {
                if (key[k] != b[start + k]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final String name;
    private final Node root;
    private final Mapped[] mapped;
    private final long[] unitsPerSecond;
    private final int[] statusSlots;
    private final int[] requestSlots;
    private final String noStatus;
    private final String noRequest;
    private final Set<Field> fields;

    private JsonLogFormat(String name, Node root, Mapped[] mapped, long[] unitsPerSecond, String statusKeys,
            String requestKeys) {
        this.name = name;
        this.root = root;
        this.mapped = mapped;
        this.unitsPerSecond = unitsPerSecond;
        int[] status = new int[0];
        int[] request = new int[0];
        EnumSet<Field> logged = EnumSet.noneOf(Field.class);
        for (Mapped m : mapped) {
            if (m.kind() == Kind.STATUS) {
                status = m.slots();
            } else if (m.kind().describesRequest()) {
                request = concat(request, m.slots());
            }
            logged.addAll(fieldsOf(m.kind()));
        }
        this.statusSlots = status;
        this.requestSlots = request;
        this.noStatus = "no status: the line has no " + statusKeys;
        this.noRequest = "no request: the line has none of " + requestKeys;
        this.fields = Set.copyOf(logged);
    }

    /**
     * A predefined JSON format by its lower-case name: {@code caddy}, {@code nginx-json} or {@code traefik}; or
     * {@code null} when the name is none of them. Each name always yields the same shared instance.
     */
    public static LogFormat preset(String lowerCaseName) {
        if (lowerCaseName == null) {
            return null;
        }
        return switch (lowerCaseName) {
            case "caddy" -> CADDY;
            case "nginx-json" -> NGINX_JSON;
            case "traefik" -> TRAEFIK;
            default -> null;
        };
    }

    /** The names {@link #preset} knows, for help texts and completion. */
    public static List<String> presetNames() {
        return List.of("caddy", "nginx-json", "traefik");
    }

    /**
     * A JSON format from a user's field mapping: comma-separated {@code field=path} entries, where a path is keys
     * joined by {@code .} ({@code request.headers.Referer}; an array found on the way yields its first element), keys
     * containing {@code , = . | : "} are written in double quotes, {@code |} separates alternative paths (the first
     * one present in a line wins) and a path of {@code time} or {@code duration} may end in the unit of numeric values,
     * {@code :s} (the default), {@code :ms}, {@code :us} or {@code :ns}. A status mapping is required.
     *
     * @param name the whole format spec as the user gave it, which becomes the format's name and the input of errors
     * @param mapping the mapping part of it, after {@code json:}
     * @throws ConfigException for {@link Setting#FORMAT}, with the column of the offending entry in {@code name}
     */
    public static LogFormat fromMapping(String name, String mapping) throws ConfigException {
        return new MappingCompiler(name, mapping).compile();
    }

    /** The preset name, or the spec the user wrote. */
    @Override
    public String name() {
        return name;
    }

    /** The fields the mapping can fill. */
    @Override
    public Set<Field> fields() {
        return fields;
    }

    /** A scanner for one thread. */
    @Override
    public LineParser newParser() {
        return new Scanner();
    }

    @Override
    public String toString() {
        return name;
    }

    private static JsonLogFormat compilePreset(String name, String mapping) {
        try {
            return new MappingCompiler(name, mapping).compile();
        } catch (ConfigException e) {
            throw new IllegalStateException("preset " + name + " does not compile", e);
        }
    }

    private static Set<Field> fieldsOf(Kind kind) {
        return switch (kind) {
            case TIME -> Set.of(Field.TIME);
            case CLIENT -> Set.of(Field.CLIENT);
            case USER -> Set.of(Field.USER);
            case REQUEST -> Set.of(Field.REQUEST, Field.METHOD, Field.PATH, Field.QUERY, Field.PROTOCOL);
            case TARGET -> Set.of(Field.PATH, Field.QUERY);
            case METHOD -> Set.of(Field.METHOD);
            case PATH -> Set.of(Field.PATH);
            case QUERY -> Set.of(Field.QUERY);
            case PROTOCOL -> Set.of(Field.PROTOCOL);
            case STATUS -> Set.of(Field.STATUS);
            case BYTES -> Set.of(Field.BYTES);
            case REFERRER -> Set.of(Field.REFERRER);
            case AGENT -> Set.of(Field.AGENT);
            case VHOST -> Set.of(Field.VHOST);
            case DURATION -> Set.of(Field.DURATION);
        };
    }

    private static int[] concat(int[] a, int[] b) {
        int[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Reads a mapping and builds the key tree; every error names the column in the user's whole spec. */
    private static final class MappingCompiler {
        private final String spec;
        private final String text;
        private final int base;
        private int pos;

        private final Map<Kind, List<Integer>> slotsByKind = new EnumMap<>(Kind.class);
        private final Map<Kind, StringJoiner> keysByKind = new EnumMap<>(Kind.class);
        private final List<Long> units = new ArrayList<>();
        private final MutableNode root = new MutableNode();

        MappingCompiler(String spec, String mapping) {
            this.spec = spec;
            this.text = mapping == null ? "" : mapping;
            this.base = spec != null && spec.endsWith(this.text) ? spec.length() - this.text.length() : 0;
        }

        JsonLogFormat compile() throws ConfigException {
            skipSpaces();
            if (pos >= text.length()) {
                throw error(0, "the JSON field mapping is empty; expected field=key,... such as "
                        + "status=status,path=uri");
            }
            while (true) {
                entry();
                skipSpaces();
                if (pos >= text.length()) {
                    break;
                }
                if (text.charAt(pos) != ',') {
                    throw error(pos, "unexpected '" + text.charAt(pos) + "'; expected ',' or '|' (write keys that "
                            + "contain , = . | : or \" in double quotes)");
                }
                pos++;
                skipSpaces();
                if (pos >= text.length() || text.charAt(pos) == ',') {
                    throw error(pos, "empty entry; expected field=key");
                }
            }
            if (!slotsByKind.containsKey(Kind.STATUS)) {
                throw new ConfigException(Setting.FORMAT, spec, 0,
                        "the JSON field mapping has no status (rules need it); add status=<key>");
            }
            List<Mapped> mapped = new ArrayList<>();
            for (Map.Entry<Kind, List<Integer>> e : slotsByKind.entrySet()) {
                mapped.add(new Mapped(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray()));
            }
            long[] unitArray = units.stream().mapToLong(Long::longValue).toArray();
            StringJoiner requestKeys = new StringJoiner(", ");
            for (Map.Entry<Kind, StringJoiner> e : keysByKind.entrySet()) {
                if (e.getKey().describesRequest()) {
                    requestKeys.add(e.getValue().toString());
                }
            }
            return new JsonLogFormat(spec, root.freeze(), mapped.toArray(new Mapped[0]), unitArray,
                    keysByKind.get(Kind.STATUS).toString(), requestKeys.toString());
        }

        private void entry() throws ConfigException {
            int entryStart = pos;
            while (pos < text.length() && text.charAt(pos) != '=' && text.charAt(pos) != ',') {
                pos++;
            }
            String word = text.substring(entryStart, pos).strip();
            if (pos >= text.length() || text.charAt(pos) != '=') {
                throw error(entryStart, "missing '=' in '" + word + "'; expected field=key, such as status=status");
            }
            if (word.isEmpty()) {
                throw error(entryStart, "missing field name before '='; expected one of " + fieldWords());
            }
            Kind kind = kind(word);
            if (kind == null) {
                throw error(entryStart, "unknown field '" + word + "'; expected one of " + fieldWords());
            }
            if (slotsByKind.containsKey(kind)) {
                throw error(entryStart, "field '" + kind.word() + "' is mapped twice; separate alternative keys "
                        + "with | instead");
            }
            pos++;
            List<Integer> slots = new ArrayList<>();
            StringJoiner keys = new StringJoiner(" or ");
            while (true) {
                skipSpaces();
                int pathStart = pos;
                List<byte[]> path = path(kind);
                long unit = 1;
                if (pos < text.length() && text.charAt(pos) == ':') {
                    unit = unit(kind);
                }
                int slot = units.size();
                units.add(unit);
                slots.add(slot);
                keys.add(text.substring(pathStart, pos).strip());
                root.add(path, slot);
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == '|') {
                    pos++;
                    continue;
                }
                break;
            }
            slotsByKind.put(kind, slots);
            keysByKind.put(kind, keys);
        }

        private List<byte[]> path(Kind kind) throws ConfigException {
            List<byte[]> segments = new ArrayList<>();
            while (true) {
                int segmentStart = pos;
                String key;
                if (pos < text.length() && text.charAt(pos) == '"') {
                    key = quotedKey();
                } else {
                    while (pos < text.length() && ",=.|:\"".indexOf(text.charAt(pos)) < 0) {
                        pos++;
                    }
                    key = text.substring(segmentStart, pos).strip();
                    if (key.isEmpty()) {
                        throw segments.isEmpty() && (pos >= text.length() || text.charAt(pos) != '.')
                                ? error(segmentStart, "empty path for " + kind.word() + "; expected a key such as "
                                        + kind.word())
                                : error(segmentStart, "empty key in the path of " + kind.word());
                    }
                }
                segments.add(key.getBytes(StandardCharsets.UTF_8));
                if (pos < text.length() && text.charAt(pos) == '.') {
                    pos++;
                    continue;
                }
                return segments;
            }
        }

        private String quotedKey() throws ConfigException {
            int quote = pos;
            pos++;
            StringBuilder key = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return key.toString();
                }
                if (c == '\\' && pos + 1 < text.length()) {
                    pos++;
                    c = text.charAt(pos);
                }
                key.append(c);
                pos++;
            }
            throw error(quote, "the quoted key is not closed by '\"'");
        }

        private long unit(Kind kind) throws ConfigException {
            int colon = pos;
            pos++;
            int unitStart = pos;
            while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != '|') {
                pos++;
            }
            String unit = text.substring(unitStart, pos).strip();
            if (kind != Kind.TIME && kind != Kind.DURATION) {
                throw error(colon, "a unit (':" + unit + "') applies only to time and duration, not to "
                        + kind.word() + "; write keys that contain ':' in double quotes");
            }
            return switch (unit) {
                case "s" -> 1L;
                case "ms" -> 1_000L;
                case "us" -> 1_000_000L;
                case "ns" -> 1_000_000_000L;
                default -> throw error(unitStart, "unknown unit '" + unit + "'; expected s, ms, us or ns");
            };
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private ConfigException error(int at, String problem) {
            return new ConfigException(Setting.FORMAT, spec, base + at + 1, problem);
        }

        private static Kind kind(String word) {
            for (Kind kind : Kind.values()) {
                if (kind.word().equals(word.toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            return null;
        }

        private static String fieldWords() {
            StringJoiner words = new StringJoiner(", ");
            for (Kind kind : Kind.values()) {
                words.add(kind.word());
            }
            return words.toString();
        }
    }

    /** The key tree while a mapping is read. */
    private static final class MutableNode {
        private final List<byte[]> keys = new ArrayList<>();
        private final List<MutableNode> children = new ArrayList<>();
        private final List<Integer> slots = new ArrayList<>();

        void add(List<byte[]> path, int slot) {
            MutableNode node = this;
            for (byte[] key : path) {
                MutableNode next = null;
                for (int k = 0; k < node.keys.size(); k++) {
                    if (Arrays.equals(node.keys.get(k), key)) {
                        next = node.children.get(k);
                    }
                }
                if (next == null) {
                    next = new MutableNode();
                    node.keys.add(key);
                    node.children.add(next);
                }
                node = next;
            }
            node.slots.add(slot);
        }

        Node freeze() {
            Node[] frozen = new Node[children.size()];
            for (int k = 0; k < frozen.length; k++) {
                frozen[k] = children.get(k).freeze();
            }
            return new Node(keys.toArray(new byte[0][]), frozen, slots.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /**
     * Walks one line's bytes once: values under wanted keys are recorded as ranges into the line, everything else is
     * skipped with only as much checking as it takes to find where it ends.
     */
    private final class Scanner implements LineParser {
        private final TimeParser times = new TimeParser();
        private final byte[] kinds = new byte[unitsPerSecond.length];
        private final int[] starts = new int[unitsPerSecond.length];
        private final int[] ends = new int[unitsPerSecond.length];
        private byte[] scratch = new byte[64];
        private boolean escaped;
        private ParsedLine into;
        private int lineStart;
        private byte[] valueArray;
        private int valueStart;
        private int valueEnd;

        @Override
        public boolean parse(byte[] b, int start, int end, ParsedLine into) {
            into.reset(b, start, end);
            this.into = into;
            this.lineStart = start;
            Arrays.fill(kinds, ABSENT);
            int e = end;
            while (e > start && isWhitespace(b[e - 1])) {
                e--;
            }
            int i = skipWhitespace(b, start, e);
            if (i >= e) {
                return into.fail("empty line; expected a JSON object");
            }
            if (b[i] != '{') {
                return into.fail("not a JSON object: expected '{' at column " + (i - start + 1));
            }
            i = object(b, i, e, root, 1);
            if (i < 0) {
                return false;
            }
            i = skipWhitespace(b, i, e);
            if (i < e) {
                return into.fail("unexpected text after the JSON object at column " + (i - start + 1));
            }
            return interpret(b);
        }

        private int object(byte[] b, int at, int end, Node node, int depth) {
            if (depth > MAX_DEPTH) {
                return failAt("objects and arrays nested deeper than " + MAX_DEPTH + " levels", at);
            }
            int i = skipWhitespace(b, at + 1, end);
            if (i < end && b[i] == '}') {
                return i + 1;
            }
            while (true) {
                if (i >= end) {
                    return truncated(i);
                }
                if (b[i] != '"') {
                    return failAt("expected a key in double quotes", i);
                }
                int keyEnd = stringEnd(b, i + 1, end);
                if (keyEnd < 0) {
                    return truncated(end);
                }
                Node child = node == null ? null : childOf(node, b, i + 1, keyEnd);
                i = skipWhitespace(b, keyEnd + 1, end);
                if (i >= end) {
                    return truncated(i);
                }
                if (b[i] != ':') {
                    return failAt("expected ':' after a key", i);
                }
                i = skipWhitespace(b, i + 1, end);
                if (i >= end) {
                    return truncated(i);
                }
                i = value(b, i, end, child, depth);
                if (i < 0) {
                    return -1;
                }
                i = skipWhitespace(b, i, end);
                if (i >= end) {
                    return truncated(i);
                }
                if (b[i] == ',') {
                    i = skipWhitespace(b, i + 1, end);
                } else if (b[i] == '}') {
                    return i + 1;
                } else {
                    return failAt("expected ',' or '}'", i);
                }
            }
        }

        private int array(byte[] b, int at, int end, Node node, int depth) {
            if (depth > MAX_DEPTH) {
                return failAt("objects and arrays nested deeper than " + MAX_DEPTH + " levels", at);
            }
            int i = skipWhitespace(b, at + 1, end);
            if (i < end && b[i] == ']') {
                return i + 1;
            }
            Node element = node;
            while (true) {
                if (i >= end) {
                    return truncated(i);
                }
                i = value(b, i, end, element, depth);
                if (i < 0) {
                    return -1;
                }
                element = null;
                i = skipWhitespace(b, i, end);
                if (i >= end) {
                    return truncated(i);
                }
                if (b[i] == ',') {
                    i = skipWhitespace(b, i + 1, end);
                } else if (b[i] == ']') {
                    return i + 1;
                } else {
                    return failAt("expected ',' or ']'", i);
                }
            }
        }

        /** Reads the value starting at {@code b[at]}, recording it when {@code node} wants it. */
        private int value(byte[] b, int at, int end, Node node, int depth) {
            byte c = b[at];
            if (c == '"') {
                int close = stringEnd(b, at + 1, end);
                if (close < 0) {
                    return truncated(end);
                }
                if (node != null) {
                    record(node, escaped ? ESCAPED_STRING : STRING, at + 1, close);
                }
                return close + 1;
            }
            if (c == '{') {
                return object(b, at, end, node != null && node.hasChildren ? node : null, depth + 1);
            }
            if (c == '[') {
                return array(b, at, end, node, depth + 1);
            }
            if (c == '-' || c >= '0' && c <= '9') {
                int numberEnd = numberEnd(b, at, end);
                if (numberEnd < 0) {
                    return failAt("malformed number", at);
                }
                if (node != null) {
                    record(node, NUMBER, at, numberEnd);
                }
                return numberEnd;
            }
            if (c == 't' && matches(b, at, end, 't', 'r', 'u', 'e')) {
                if (node != null) {
                    record(node, LITERAL, at, at + 4);
                }
                return at + 4;
            }
            if (c == 'f' && matches(b, at, end, 'f', 'a', 'l', 's') && at + 4 < end && b[at + 4] == 'e') {
                if (node != null) {
                    record(node, LITERAL, at, at + 5);
                }
                return at + 5;
            }
            if (c == 'n' && matches(b, at, end, 'n', 'u', 'l', 'l')) {
                if (node != null) {
                    record(node, ABSENT, at, at);
                }
                return at + 4;
            }
            return failAt("expected a JSON value", at);
        }

        private Node childOf(Node node, byte[] b, int start, int end) {
            if (!escaped) {
                return node.child(b, start, end);
            }
            if (scratch.length < end - start) {
                scratch = new byte[Math.max(scratch.length * 2, end - start)];
            }
            int decodedEnd = Escaping.JSON.decode(b, start, end, scratch, 0);
            return node.child(scratch, 0, decodedEnd);
        }

        private void record(Node node, byte kind, int start, int end) {
            for (int slot : node.slots) {
                kinds[slot] = kind;
                starts[slot] = start;
                ends[slot] = end;
            }
        }

        /**
         * Finds the closing quote of a string whose content starts at {@code at}, eight bytes at a time; notes whether
         * the string has escapes.
         */
        private int stringEnd(byte[] b, int at, int end) {
            boolean backslash = false;
            int i = at;
            while (i < end) {
                if (i + Long.BYTES <= end) {
                    long word = (long) LONGS.get(b, i);
                    long found = byteIn(word, QUOTES) | byteIn(word, BACKSLASHES);
                    if (found == 0) {
                        i += Long.BYTES;
                        continue;
                    }
                    i += Long.numberOfTrailingZeros(found) >>> 3;
                }
                byte c = b[i];
                if (c == '"') {
                    escaped = backslash;
                    return i;
                }
                if (c == '\\') {
                    backslash = true;
                    i += 2;
                } else {
                    i++;
                }
            }
            return -1;
        }

        private int failAt(String reason, int at) {
            into.fail(reason + " at column " + (at - lineStart + 1));
            return -1;
        }

        private int truncated(int at) {
            into.fail("the line ends inside the JSON object at column " + (at - lineStart + 1)
                    + " (truncated?)");
            return -1;
        }

        private boolean interpret(byte[] b) {
            if (firstPresent(statusSlots) < 0) {
                return into.fail(noStatus);
            }
            if (requestSlots.length > 0 && firstPresent(requestSlots) < 0) {
                return into.fail(noRequest);
            }
            for (Mapped m : mapped) {
                int slot = firstPresent(m.slots());
                if (slot >= 0 && !apply(m.kind(), slot, b)) {
                    return false;
                }
            }
            return true;
        }

        private int firstPresent(int[] slots) {
            for (int slot : slots) {
                if (kinds[slot] != ABSENT) {
                    return slot;
                }
            }
            return -1;
        }

        private boolean apply(Kind kind, int slot, byte[] b) {
            int s = starts[slot];
            int e = ends[slot];
            Escaping escaping = kinds[slot] == ESCAPED_STRING ? Escaping.JSON : Escaping.NONE;
            switch (kind) {
                case CLIENT -> into.setText(Field.CLIENT, b, s, e, escaping);
                case USER -> into.setText(Field.USER, b, s, e, escaping);
                case METHOD -> into.setText(Field.METHOD, b, s, e, escaping);
                case PATH -> into.setText(Field.PATH, b, s, e, escaping);
                case QUERY -> into.setText(Field.QUERY, b, s, e, escaping);
                case PROTOCOL -> into.setText(Field.PROTOCOL, b, s, e, escaping);
                case REFERRER -> into.setText(Field.REFERRER, b, s, e, escaping);
                case AGENT -> into.setText(Field.AGENT, b, s, e, escaping);
                case VHOST -> into.setText(Field.VHOST, b, s, e, escaping);
                case REQUEST -> into.setRequest(b, s, e, escaping);
                case TARGET -> {
                    if (!isDashOrEmpty(b, s, e)) {
                        into.setAbsent(Field.QUERY);
                        into.setTarget(b, s, e, escaping);
                    }
                }
                case STATUS -> {
                    long status = kinds[slot] == LITERAL ? -1 : numericValue(b, slot);
                    if (status < 0 || status > 999) {
                        return into.fail("status is not a number: " + text(b, s, e));
                    }
                    into.setStatus((int) status);
                }
                case BYTES -> {
                    if (!isDashOrEmpty(b, s, e)) {
                        long bytes = kinds[slot] == LITERAL ? -1 : numericValue(b, slot);
                        if (bytes < 0) {
                            return into.fail("size is not a number: " + text(b, s, e));
                        }
                        into.setBytes(bytes);
                    }
                }
                case TIME -> {
                    return time(b, slot);
                }
                case DURATION -> {
                    return duration(b, slot);
                }
                default -> throw new AssertionError(kind);
            }
            return true;
        }

        private boolean time(byte[] b, int slot) {
            byte kind = kinds[slot];
            if (kind == NUMBER) {
                return times.parseEpoch(b, starts[slot], ends[slot], unitsPerSecond[slot], into);
            }
            unescape(b, slot);
            byte[] a = valueArray;
            int s = valueStart;
            int e = valueEnd;
            if (kind == LITERAL) {
                return into.fail("time is not a time: " + text(a, s, e));
            }
            if (isDashOrEmpty(a, s, e)) {
                return true;
            }
            if (e - s > 4 && a[s + 4] == '-') {
                return times.parseIso(a, s, e, into);
            }
            if (e - s > 2 && a[s + 2] == '/') {
                return times.parseClf(a, s, e, into);
            }
            return times.parseEpoch(a, s, e, unitsPerSecond[slot], into);
        }

        private boolean duration(byte[] b, int slot) {
            if (kinds[slot] == LITERAL) {
                return into.fail("duration is not a number: " + text(b, starts[slot], ends[slot]));
            }
            unescape(b, slot);
            if (isDashOrEmpty(valueArray, valueStart, valueEnd)) {
                return true;
            }
            long micros = micros(valueArray, valueStart, valueEnd, unitsPerSecond[slot]);
            if (micros < 0) {
                micros = goDurationMicros(text(valueArray, valueStart, valueEnd));
            }
            if (micros < 0) {
                return into.fail("duration is not a number or a duration such as 1.5s: "
                        + text(valueArray, valueStart, valueEnd));
            }
            into.setDurationMicros(micros);
            return true;
        }

        /** The non-negative integer a number or a numeric string holds, or -1. */
        private long numericValue(byte[] b, int slot) {
            unescape(b, slot);
            return TextLogFormat.number(valueArray, valueStart, valueEnd);
        }

        /** Points {@code valueArray/Start/End} at the slot's value, decoding JSON escapes first if it has any. */
        private void unescape(byte[] b, int slot) {
            int s = starts[slot];
            int e = ends[slot];
            if (kinds[slot] != ESCAPED_STRING) {
                valueArray = b;
                valueStart = s;
                valueEnd = e;
                return;
            }
            if (scratch.length < e - s) {
                scratch = new byte[Math.max(scratch.length * 2, e - s)];
            }
            valueArray = scratch;
            valueStart = 0;
            valueEnd = Escaping.JSON.decode(b, s, e, scratch, 0);
        }
    }

    /** A decimal number of units ({@code 0.0012}, {@code 1234}, {@code 1.5e-3}) as microseconds, or -1. */
    static long micros(byte[] a, int start, int end, long unitsPerSecond) {
        long whole = 0;
        int i = start;
        while (i < end && a[i] >= '0' && a[i] <= '9') {
            if (i - start >= 18) {
                return -1;
            }
            whole = whole * 10 + (a[i] - '0');
            i++;
        }
        if (i == start) {
            return -1;
        }
        long fractionNanos = 0;
        if (i < end && a[i] == '.') {
            i++;
            int fractionStart = i;
            long scale = 100_000_000;
            while (i < end && a[i] >= '0' && a[i] <= '9') {
                fractionNanos += (a[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == fractionStart) {
                return -1;
            }
        }
        if (i < end && (a[i] == 'e' || a[i] == 'E')) {
            return scientificMicros(a, start, end, unitsPerSecond);
        }
        if (i != end) {
            return -1;
        }
        if (unitsPerSecond >= 1_000_000) {
            long unitsPerMicro = unitsPerSecond / 1_000_000;
            return whole / unitsPerMicro + fractionNanos / 1_000_000_000L / unitsPerMicro;
        }
        long microsPerUnit = 1_000_000 / unitsPerSecond;
        if (whole > Long.MAX_VALUE / 1_000_000) {
            return -1;
        }
        return whole * microsPerUnit + fractionNanos * microsPerUnit / 1_000_000_000L;
    }

    private static long scientificMicros(byte[] a, int start, int end, long unitsPerSecond) {
        try {
            double value = Double.parseDouble(new String(a, start, end - start, StandardCharsets.US_ASCII));
            double micros = value * 1_000_000 / unitsPerSecond;
            return micros >= 0 && micros < Long.MAX_VALUE ? Math.round(micros) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int numberEnd(byte[] b, int at, int end) {
        int i = at;
        if (b[i] == '-') {
            i++;
        }
        int digitsStart = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        if (i == digitsStart) {
            return -1;
        }
        if (i < end && b[i] == '.') {
            i++;
            int fractionStart = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == fractionStart) {
                return -1;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int exponentStart = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == exponentStart) {
                return -1;
            }
        }
        return i;
    }

    /**
     * The high bit of each byte of {@code word} that equals the byte repeated in {@code pattern}; exact up to the first
     * match, which is all that little-endian reading needs.
     */
    private static long byteIn(long word, long pattern) {
        long x = word ^ pattern;
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }

    private static boolean matches(byte[] b, int at, int end, char c0, char c1, char c2, char c3) {
        return at + 4 <= end && b[at] == c0 && b[at + 1] == c1 && b[at + 2] == c2 && b[at + 3] == c3;
    }

    private static boolean isDashOrEmpty(byte[] b, int start, int end) {
        return end <= start || end - start == 1 && b[start] == '-';
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipWhitespace(byte[] b, int at, int end) {
        int i = at;
        while (i < end && isWhitespace(b[i])) {
            i++;
        }
        return i;
    }

    private static String text(byte[] b, int start, int end) {
        return new String(b, start, Math.max(0, end - start), StandardCharsets.UTF_8);
    }
}
