package io.weblog.source.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.StoreSetting;
import io.weblog.rule.Selector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What translates into the store's query language, and exactly how; the JSON requests and answers are made of. */
class StoreQueriesTest {
    private static final Map<String, String> ECS_TYPES = Map.of("@timestamp", "date",
            "http.response.status_code", "long", "url.path", "keyword", "url.original", "keyword",
            "http.request.referrer", "keyword", "user_agent.original", "text", "event.duration", "long",
            "http.request.method", "keyword");

    private final StoreQueries queries = new StoreQueries(StoreFields.ecs(), ECS_TYPES);

    @Test
    void statusClassesListsAndNegationsBecomeRangesAndTerms() throws ConfigException {
        assertThat(json("status=5xx")).isEqualTo(
                "{\"range\":{\"http.response.status_code\":{\"gte\":500,\"lte\":599}}}");
        assertThat(json("status!=301,302,404")).isEqualTo("{\"bool\":{\"must_not\":[{\"bool\":{\"should\":["
                + "{\"range\":{\"http.response.status_code\":{\"gte\":301,\"lte\":302}}},"
                + "{\"term\":{\"http.response.status_code\":404}}],\"minimum_should_match\":1}}]}}");
    }

    @Test
    void anAbsentReferrerIsAMissingFieldOrOneLoggedAsADashOrEmpty() throws ConfigException {
        assertThat(json("referrer=-")).isEqualTo("{\"bool\":{\"must_not\":[{\"bool\":{\"filter\":[{\"exists\":"
                + "{\"field\":\"http.request.referrer\"}}],\"must_not\":[{\"term\":{\"http.request.referrer\":\"-\"}},"
                + "{\"term\":{\"http.request.referrer\":\"\"}}]}}]}}");
        assertThat(json("referrer^=https://shop.example.com/")).isEqualTo(
                "{\"prefix\":{\"http.request.referrer\":\"https://shop.example.com/\"}}");
    }

    @Test
    void aPathIsTheDocumentsOwnOrTheTargetsBeforeItsQuery() throws ConfigException {
        String path = json("path=/cart");

        assertThat(path).contains("{\"term\":{\"url.path\":\"/cart\"}}", "{\"term\":{\"url.original\":\"/cart\"}}",
                "{\"prefix\":{\"url.original\":\"/cart?\"}}", "\"must_not\":[{\"exists\":{\"field\":\"url.path\"}}]");
    }

    @Test
    void durationBoundsBecomeTheSmallestWholeUnitsTheEngineReadsAsReachingThem() throws ConfigException {
        assertThat(json("duration>2s")).isEqualTo("{\"range\":{\"event.duration\":{\"gte\":2000001000}}}");
        assertThat(json("duration<=500ms")).isEqualTo(
                "{\"range\":{\"event.duration\":{\"gte\":0,\"lt\":500001000}}}");
        assertThat(StoreQueries.atLeast(1, 1_000_000)).as("1 us in milliseconds").isEqualTo(1);
        assertThat(StoreQueries.atLeast(1000, 1_000_000)).isEqualTo(1);
        assertThat(StoreQueries.atLeast(1001, 1_000_000)).isEqualTo(2);
        assertThat(StoreQueries.atLeast(7, 1000)).as("microseconds").isEqualTo(7);
    }

    @Test
    void whatTheStoreCannotCompareAsTheEngineDoesIsReadInstead() throws ConfigException {
        assertThat(translate("agent~(?i)bot").untranslatable()).isEqualTo("agent~(?i)bot is a Java regular "
                + "expression, which the store's own dialect does not match alike");
        assertThat(translate("agent=curl").untranslatable()).isEqualTo("user_agent.original is mapped as text, "
                + "not keyword, so the store cannot compare it as a whole");
        assertThat(translate("client=10.0.0.1").untranslatable()).isEqualTo("no field holds client");
    }

    @Test
    void fieldOverridesUseTheJsonFormatsEntriesWithTheStoresWholeNames() throws ConfigException {
        StoreFields fields = StoreFields.ecs().with("referrer=http.referer, duration=took:ms,time=ts");

        assertThat(fields.namesOf(io.weblog.format.Field.REFERRER)).containsExactly("http.referer");
        assertThat(fields.time()).isEqualTo("ts");
        assertThat(fields.durationNanosPerUnit()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> StoreFields.ecs().with("status=x,referer=y"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException config = (ConfigException) e;
                    assertThat(config.storeSetting()).isEqualTo(StoreSetting.FIELD);
                    assertThat(config.setting()).isEqualTo(Setting.FILE);
                    assertThat(config.column()).isEqualTo(10);
                    assertThat(config.problem()).startsWith("unknown part 'referer'");
                });
    }

    @Test
    void readsAnswersKeepingWhereEachObjectLayAndWritesRequestsCompactly() {
        byte[] answer = "{\"hits\":{\"hits\":[{\"fields\":{\"a\":[\"\\u00e9\\n\"]},\"sort\":[1,2]}]}}"
                .getBytes(StandardCharsets.UTF_8);
        Object read = Json.parse(answer);
        Json.JsonObject fields = (Json.JsonObject) Json.at(Json.arrayAt(read, "hits", "hits").get(0), "fields");

        assertThat(new String(answer, fields.rawStart(), fields.rawEnd() - fields.rawStart(),
                StandardCharsets.UTF_8)).isEqualTo("{\"a\":[\"\\u00e9\\n\"]}");
        assertThat(List.copyOf(Json.arrayAt(fields, "a"))).isEqualTo(List.of("\u00e9\n"));
        assertThat(Json.write(Json.object("q", "say \"hi\"\n", "n", List.of(1L, 2.5, true)))).isEqualTo(
                "{\"q\":\"say \\\"hi\\\"\\n\",\"n\":[1,2.5,true]}");
        assertThatThrownBy(() -> Json.parse("{\"a\":}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("expected a value at byte 5");
    }

    @Test
    void theStoresReasonIsItsRootCauseOrAProxysTitle() {
        assertThat(StoreClient.reason(("{\"error\":{\"root_cause\":[{\"type\":\"index_not_found_exception\","
                + "\"reason\":\"no such index [x]\"}],\"type\":\"index_not_found_exception\"},\"status\":404}")
                .getBytes(StandardCharsets.UTF_8))).isEqualTo("no such index [x]");
        assertThat(StoreClient.reason("<html><head><title>401 Authorization Required</title></head></html>"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo("401 Authorization Required");
    }

    private StoreQueries.Translation translate(String selector) throws ConfigException {
        return queries.translate(Selector.parse(selector, Setting.RULE));
    }

    private String json(String selector) throws ConfigException {
        StoreQueries.Translation translation = translate(selector);
        assertThat(translation.untranslatable()).isNull();
        return Json.write(translation.query());
    }
}
