-- 5: following series (tally follow), the alerts raised when a followed
-- series changes, and the feeds tally watch polls with what their last
-- answer said (validators for a conditional GET). Owned by internal/watch.
CREATE TABLE follows (
    series     TEXT PRIMARY KEY, -- a series key or id, lower case
    webhook    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE alerts (
    pk         INTEGER PRIMARY KEY,
    series     TEXT NOT NULL,     -- the follow it is for
    doc_id     TEXT NOT NULL,
    span_start INTEGER NOT NULL,  -- the figure's offset: one alert a claim
    kinds      TEXT NOT NULL,     -- "claim", then "new-source", "conflict"
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL,
    url        TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (series, doc_id, span_start)
);
CREATE INDEX alerts_series ON alerts(series, pk);
CREATE TABLE watched_feeds (
    url           TEXT PRIMARY KEY,
    every_seconds INTEGER NOT NULL,
    allow_private BOOLEAN NOT NULL DEFAULT FALSE, -- fetch from private addresses (--allow-private)
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    checked_at    TEXT NOT NULL DEFAULT '', -- RFC 3339, '' before the first poll
    status        TEXT NOT NULL DEFAULT ''
);
