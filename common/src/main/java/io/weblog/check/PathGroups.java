package io.weblog.check;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's hits grouped by path, most hits first: for a broken-link rule, which links a release broke and on which
 * pages they are. Bounded in memory: a log's first {@link #COUNTED_PATHS} distinct paths are counted, each with its
 * first {@link #COUNTED_REFERRERS} distinct referrers, and the {@link #MAX_PATHS} most hit paths are kept, each with
 * its {@link #MAX_REFERRERS} most frequent referrers; the rest is counted in {@link #otherHits} and
 * {@link PathGroup#otherReferrers}. A large file read in parts on several cores gives the same groups as one read in
 * order, as long as no part holds more than {@link #COUNTED_PATHS} distinct paths for the rule.
 *
 * @param paths the paths, most hits first (paths with as many hits in the order they were first seen)
 * @param otherHits hits on paths that are not kept, which are not told apart
 */
public record PathGroups(List<PathGroup> paths, long otherHits) implements Serializable {
    /** Paths kept per rule and log: the most hit. */
    public static final int MAX_PATHS = 100;
    /** Referrers kept per path: the most frequent. */
    public static final int MAX_REFERRERS = 20;
    /** Distinct paths counted per rule and log, of which the {@link #MAX_PATHS} most hit are kept. */
    public static final int COUNTED_PATHS = 500;
    /** Distinct referrers counted per path, of which the {@link #MAX_REFERRERS} most frequent are kept. */
    public static final int COUNTED_REFERRERS = 50;

    /** Copies the list. */
    public PathGroups {
        paths = List.copyOf(paths);
    }

    /**
     * The hits of one path.
     *
     * @param path the path, as logged
     * @param count its hits
     * @param first the time of its earliest hit, or {@code null} when the log has no times
     * @param last the time of its latest hit, or {@code null}
     * @param referrers the pages that lead to it, most hits first
     * @param otherReferrers hits from referrers beyond the first {@link #MAX_REFERRERS}
     * @param withoutReferrer hits that logged no referrer
     */
    public record PathGroup(String path, long count, Instant first, Instant last, List<Referrer> referrers,
            long otherReferrers, long withoutReferrer) implements Serializable {
        /** Copies the list. */
        public PathGroup {
            referrers = List.copyOf(referrers);
        }
    }

    /**
     * A page that links to a path, and how many hits came from it.
     *
     * @param referrer the referrer, as logged
     * @param count its hits
     */
    public record Referrer(String referrer, long count) implements Serializable {
    }

    /** The groups of several logs together: counts added, times widened, still bounded. */
    public static PathGroups combine(List<PathGroups> groups) {
        Builder builder = new Builder();
        for (PathGroups each : groups) {
            builder.otherHits += each.otherHits;
            for (PathGroup group : each.paths) {
                Builder.Group into = builder.group(group.path());
                if (into == null) {
                    builder.otherHits += group.count();
                    continue;
                }
                into.count += group.count();
                into.first = earlier(into.first, group.first());
                into.last = later(into.last, group.last());
                into.otherReferrers += group.otherReferrers();
                into.withoutReferrer += group.withoutReferrer();
                for (Referrer referrer : group.referrers()) {
                    into.referrer(referrer.referrer(), referrer.count());
                }
            }
        }
        return builder.build();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Collects hits as they are read, within the bounds. Not thread-safe. */
    static final class Builder {
        private final Map<String, Group> groups = new LinkedHashMap<>();
        private long otherHits;

        /** Counts a hit of a path, from a referrer ({@code null} when none was logged), at a time (or {@code null}). */
        void add(String path, String referrer, Instant time) {
            Group group = group(path == null ? "-" : path);
            if (group == null) {
                otherHits++;
                return;
            }
            group.count++;
            group.first = earlier(group.first, time);
            group.last = later(group.last, time);
            if (referrer == null) {
                group.withoutReferrer++;
            } else {
                group.referrer(referrer, 1);
            }
        }

        /**
         * Adds the hits of a path that a log store counted: their number, first and last time, their most frequent
         * referrers, and the hits from other referrers and without one.
         */
        void addCounted(String path, long count, Instant first, Instant last, Map<String, Long> referrers,
                long otherReferrers, long withoutReferrer) {
            Group group = group(path);
            if (group == null) {
                otherHits += count;
                return;
            }
            group.count += count;
            group.first = earlier(group.first, first);
            group.last = later(group.last, last);
            group.otherReferrers += otherReferrers;
            group.withoutReferrer += withoutReferrer;
            referrers.forEach(group::referrer);
        }

        /** Adds hits on paths that are not told apart. */
        void addOtherHits(long hits) {
            otherHits += hits;
        }

        /** Adds what a later part of the same log counted, as if it had been read after this part. */
        void absorb(Builder later) {
            otherHits += later.otherHits;
            for (Map.Entry<String, Group> entry : later.groups.entrySet()) {
                Group from = entry.getValue();
                Group into = group(entry.getKey());
                if (into == null) {
                    otherHits += from.count;
                    continue;
                }
                into.count += from.count;
                into.first = earlier(into.first, from.first);
                into.last = later(into.last, from.last);
                into.otherReferrers += from.otherReferrers;
                into.withoutReferrer += from.withoutReferrer;
                from.referrers.forEach(into::referrer);
            }
        }

        /** The group of a path, made on first sight while there is room, else {@code null}. */
        private Group group(String path) {
            Group group = groups.get(path);
            if (group == null && groups.size() < COUNTED_PATHS) {
                group = new Group();
                groups.put(path, group);
            }
            return group;
        }

        /** The most hit paths with their most frequent referrers; the rest counted as others. */
        PathGroups build() {
            List<PathGroup> paths = new ArrayList<>();
            for (Map.Entry<String, Group> entry : groups.entrySet()) {
                Group group = entry.getValue();
                List<Referrer> referrers = new ArrayList<>();
                group.referrers.forEach((referrer, count) -> referrers.add(new Referrer(referrer, count)));
                referrers.sort(Comparator.comparingLong(Referrer::count).reversed());
                long otherReferrers = group.otherReferrers;
                for (Referrer dropped : referrers.subList(Math.min(MAX_REFERRERS, referrers.size()),
                        referrers.size())) {
                    otherReferrers += dropped.count();
                }
                paths.add(new PathGroup(entry.getKey(), group.count, group.first, group.last,
                        referrers.subList(0, Math.min(MAX_REFERRERS, referrers.size())), otherReferrers,
                        group.withoutReferrer));
            }
            paths.sort(Comparator.comparingLong(PathGroup::count).reversed());
            long others = otherHits;
            for (PathGroup dropped : paths.subList(Math.min(MAX_PATHS, paths.size()), paths.size())) {
                others += dropped.count();
            }
            return new PathGroups(paths.subList(0, Math.min(MAX_PATHS, paths.size())), others);
        }

        /** One path's counts while reading. */
        private static final class Group {
            private long count;
            private Instant first;
            private Instant last;
            private final Map<String, Long> referrers = new LinkedHashMap<>();
            private long otherReferrers;
            private long withoutReferrer;

            void referrer(String referrer, long hits) {
                Long known = referrers.get(referrer);
                if (known != null) {
                    referrers.put(referrer, known + hits);
                } else if (referrers.size() < COUNTED_REFERRERS) {
                    referrers.put(referrer, hits);
                } else {
                    otherReferrers += hits;
                }
            }
        }
    }
}
