-- 2: full-text search over sentences, and per-series counts kept up to
-- date by Add.

-- The query repeats this expression exactly (to_tsvector with the
-- 'english' configuration), so the planner uses the index.
CREATE INDEX figures_sentence_fts ON figures
    USING GIN (to_tsvector('english'::regconfig, sentence));

CREATE TABLE series (
    key       TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    counted   TEXT NOT NULL,
    measure   TEXT NOT NULL,
    figures   BIGINT NOT NULL,
    sources   BIGINT NOT NULL,
    first_day TEXT NOT NULL,
    last_day  TEXT NOT NULL
);

CREATE TABLE series_sources (
    series_key TEXT NOT NULL,
    source_id  BIGINT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (series_key, source_id)
);

INSERT INTO series_sources(series_key, source_id)
    SELECT DISTINCT series_key, source_id FROM figures
    WHERE NOT is_repeat AND source_id IS NOT NULL;

INSERT INTO series(key, name, counted, measure, figures, sources, first_day, last_day)
    SELECT f.series_key, MIN(f.series),
           substr(MIN(f.series), 1, length(MIN(f.series)) - length(MIN(f.measure)) - 1),
           MIN(f.measure), COUNT(*),
           (SELECT COUNT(*) FROM series_sources s WHERE s.series_key = f.series_key),
           COALESCE(MIN(NULLIF(f.day, '')), ''), MAX(f.day)
    FROM figures f WHERE NOT f.is_repeat GROUP BY f.series_key;
