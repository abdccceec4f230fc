-- 1: the ledger — documents, the URLs they were found under, figure
-- claims with offsets into the stored text, and sources with the texts
-- that name them. Dates are YYYY-MM-DD text (sortable, and the same in
-- both backends); "" rather than NULL where unknown, so that newest-first
-- lists put undated rows last in SQLite and PostgreSQL alike.

CREATE TABLE documents (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL DEFAULT '',
    canonical_url TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    publisher     TEXT NOT NULL DEFAULT '',
    published     TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the normalised text
    -- LSH bands of the MinHash of the word 3-shingles (dedupe.go); NULL
    -- when the text is too short to compare.
    band0         INTEGER,
    band1         INTEGER,
    band2         INTEGER,
    band3         INTEGER,
    band4         INTEGER,
    band5         INTEGER,
    band6         INTEGER,
    band7         INTEGER,
    duplicate_of  INTEGER REFERENCES documents(pk),  -- first copy of a near-duplicate
    status        TEXT NOT NULL,          -- new, near-duplicate, not-english
    ingested_at   TEXT NOT NULL,          -- RFC 3339, UTC
    origin        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_band0 ON documents(band0) WHERE band0 IS NOT NULL;
CREATE INDEX documents_band1 ON documents(band1) WHERE band1 IS NOT NULL;
CREATE INDEX documents_band2 ON documents(band2) WHERE band2 IS NOT NULL;
CREATE INDEX documents_band3 ON documents(band3) WHERE band3 IS NOT NULL;
CREATE INDEX documents_band4 ON documents(band4) WHERE band4 IS NOT NULL;
CREATE INDEX documents_band5 ON documents(band5) WHERE band5 IS NOT NULL;
CREATE INDEX documents_band6 ON documents(band6) WHERE band6 IS NOT NULL;
CREATE INDEX documents_band7 ON documents(band7) WHERE band7 IS NOT NULL;
CREATE INDEX documents_status ON documents(status);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Every normalised URL a document is known by: a unique key, so that two
-- writers racing with the same URL cannot both store it.
CREATE TABLE document_urls (
    key    TEXT PRIMARY KEY,
    doc_pk INTEGER NOT NULL REFERENCES documents(pk)
) WITHOUT ROWID;

CREATE TABLE sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,          -- canonical name as first stored
    key  TEXT NOT NULL UNIQUE    -- lower-cased name
);

-- Texts seen naming a source ("the South Korean military"), and each
-- canonical name as an alias of itself, lower-cased for lookup.
CREATE TABLE source_aliases (
    key       TEXT NOT NULL,
    alias     TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (key, source_id)
) WITHOUT ROWID;

CREATE TABLE figures (
    pk             INTEGER PRIMARY KEY,
    doc_pk         INTEGER NOT NULL REFERENCES documents(pk),
    seq            INTEGER NOT NULL,      -- order in the document
    sentence       TEXT NOT NULL,
    span_start     INTEGER NOT NULL,      -- byte offsets into documents.text
    span_end       INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    number_text    TEXT NOT NULL,
    value          REAL,
    low            REAL,
    high           REAL,
    qualifier      TEXT NOT NULL,
    measure        TEXT NOT NULL,
    subject        TEXT NOT NULL,
    counted        TEXT,
    location       TEXT,
    source         TEXT NOT NULL,
    source_id      INTEGER REFERENCES sources(id),
    source_text    TEXT NOT NULL,
    cue            TEXT NOT NULL,
    via            TEXT,
    date           TEXT,
    hedged         INTEGER NOT NULL,
    series         TEXT NOT NULL,         -- counted/measure, "unknown" for no counted
    series_key     TEXT NOT NULL,         -- lower-cased series
    counted_key    TEXT NOT NULL,         -- lower-cased counted, "unknown"
    day            TEXT NOT NULL,         -- date, else the document's published, else ''
    is_repeat      INTEGER NOT NULL DEFAULT 0  -- repeats the first copy's figure
);
-- Each filter has an index that also gives newest-first order, so a
-- filtered, limited list reads only the rows it returns.
CREATE INDEX figures_doc ON figures(doc_pk);
CREATE INDEX figures_day ON figures(day, pk);
CREATE INDEX figures_measure ON figures(measure, day, pk);
CREATE INDEX figures_counted ON figures(counted_key, day, pk);
CREATE INDEX figures_source ON figures(source_id, day, pk);
CREATE INDEX figures_series ON figures(series_key, day, pk);
CREATE INDEX figures_repeat ON figures(doc_pk) WHERE is_repeat;
