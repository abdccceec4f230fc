-- 1: the ledger — documents, the URLs they were found under, figure
-- claims with offsets into the stored text, and sources with the texts
-- that name them. The same tables as the SQLite schema; dates are
-- YYYY-MM-DD text and "" where unknown, so that both backends sort and
-- compare them alike.

CREATE TABLE documents (
    pk            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL DEFAULT '',
    canonical_url TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    publisher     TEXT NOT NULL DEFAULT '',
    published     TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    band0         BIGINT,
    band1         BIGINT,
    band2         BIGINT,
    band3         BIGINT,
    band4         BIGINT,
    band5         BIGINT,
    band6         BIGINT,
    band7         BIGINT,
    duplicate_of  BIGINT REFERENCES documents(pk),
    status        TEXT NOT NULL,
    ingested_at   TEXT NOT NULL,
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

CREATE TABLE document_urls (
    key    TEXT PRIMARY KEY,
    doc_pk BIGINT NOT NULL REFERENCES documents(pk)
);

CREATE TABLE sources (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    key  TEXT NOT NULL UNIQUE
);

CREATE TABLE source_aliases (
    key       TEXT NOT NULL,
    alias     TEXT NOT NULL,
    source_id BIGINT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (key, source_id)
);

CREATE TABLE figures (
    pk             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_pk         BIGINT NOT NULL REFERENCES documents(pk),
    seq            INTEGER NOT NULL,
    sentence       TEXT NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    number_text    TEXT NOT NULL,
    value          DOUBLE PRECISION,
    low            DOUBLE PRECISION,
    high           DOUBLE PRECISION,
    qualifier      TEXT NOT NULL,
    measure        TEXT NOT NULL,
    subject        TEXT NOT NULL,
    counted        TEXT,
    location       TEXT,
    source         TEXT NOT NULL,
    source_id      BIGINT REFERENCES sources(id),
    source_text    TEXT NOT NULL,
    cue            TEXT NOT NULL,
    via            TEXT,
    date           TEXT,
    hedged         BOOLEAN NOT NULL,
    series         TEXT NOT NULL,
    series_key     TEXT NOT NULL,
    counted_key    TEXT NOT NULL,
    day            TEXT NOT NULL,
    is_repeat      BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX figures_doc ON figures(doc_pk);
CREATE INDEX figures_day ON figures(day, pk);
CREATE INDEX figures_measure ON figures(measure, day, pk);
CREATE INDEX figures_counted ON figures(counted_key, day, pk);
CREATE INDEX figures_source ON figures(source_id, day, pk);
CREATE INDEX figures_series ON figures(series_key, day, pk);
CREATE INDEX figures_repeat ON figures(doc_pk) WHERE is_repeat;
