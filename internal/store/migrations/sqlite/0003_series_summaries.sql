-- 3: each series' summary for `tally series` and the series list — its
-- claims, independent sources, latest figure, consensus range, conflicts
-- — computed by the series logic after an ingest and kept here, so that
-- listing 10,000 series reads 10,000 rows rather than a million figures.
-- A store series (counted/measure) split by place has one row per place.
-- figures_seen is the series' figure count when the summary was made: a
-- series whose count has moved since is stale.
CREATE TABLE series_summaries (
    key            TEXT NOT NULL,     -- the series as the series logic names it, place included
    base_key       TEXT NOT NULL,     -- series.key: lower-cased counted/measure
    counted        TEXT NOT NULL,
    measure        TEXT NOT NULL,
    location       TEXT NOT NULL,
    claims         INTEGER NOT NULL,
    sources        INTEGER NOT NULL,
    reports        INTEGER NOT NULL,
    documents      INTEGER NOT NULL,
    latest         TEXT NOT NULL,     -- the latest claim, e.g. "≈1,100"
    latest_source  TEXT NOT NULL,
    latest_date    TEXT NOT NULL,
    consensus      TEXT NOT NULL,     -- e.g. "990–4,000"
    consensus_low  DOUBLE PRECISION,  -- NULL when no consensus
    consensus_high DOUBLE PRECISION,
    conflicts      INTEGER NOT NULL,
    disagree       BOOLEAN NOT NULL,
    figures_seen   INTEGER NOT NULL,
    PRIMARY KEY (base_key, key)
);
CREATE INDEX series_summaries_claims ON series_summaries(claims DESC, key);
