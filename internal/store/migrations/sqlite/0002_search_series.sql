-- 2: full-text search over sentences, and per-series counts kept up to
-- date by Add so that listing 10,000 series reads 10,000 rows rather than
-- every figure.

-- External-content FTS5 index: the sentences stay in figures; Add inserts
-- each figure's rowid here in the same transaction.
CREATE VIRTUAL TABLE figures_fts USING fts5(
    sentence,
    content = 'figures',
    content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO figures_fts(rowid, sentence) SELECT pk, sentence FROM figures;

CREATE TABLE series (
    key       TEXT PRIMARY KEY,   -- lower-cased series
    name      TEXT NOT NULL,      -- counted/measure as first stored
    counted   TEXT NOT NULL,
    measure   TEXT NOT NULL,
    figures   INTEGER NOT NULL,   -- countable figures (repeats left out)
    sources   INTEGER NOT NULL,   -- distinct sources
    first_day TEXT NOT NULL,      -- '' when no figure is dated
    last_day  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE series_sources (
    series_key TEXT NOT NULL,
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (series_key, source_id)
) WITHOUT ROWID;

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
