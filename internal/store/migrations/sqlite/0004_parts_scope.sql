-- 4: series that mean one thing. A store series (counted/measure) is
-- split by the series logic into its running total, its incidents and its
-- periods; each figure keeps the id of the series it was last placed in
-- (series_id, e.g. "Iraq/killed#bombing-2004-10-01"; '' for the running
-- total, which is the store series itself, and until a refresh places it)
-- so that every command and page names it the same way. scope
-- is what extraction says the figure's count covers (claim.Figure.Scope;
-- '' when it did not say). Summaries gain the series' kind and label, and
-- are dropped so that the next refresh recomputes them all under the new
-- rules.
ALTER TABLE figures ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE figures ADD COLUMN series_id TEXT NOT NULL DEFAULT '';
CREATE INDEX figures_series_id ON figures(series_id, day, pk);
ALTER TABLE series_summaries ADD COLUMN kind TEXT NOT NULL DEFAULT 'total';
ALTER TABLE series_summaries ADD COLUMN label TEXT NOT NULL DEFAULT '';
-- The consensus's top is only a lower bound ("990–≥3,000"), its bottom
-- only an upper bound.
ALTER TABLE series_summaries ADD COLUMN consensus_open_above BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE series_summaries ADD COLUMN consensus_open_below BOOLEAN NOT NULL DEFAULT FALSE;
-- The first and last claim dates ('' when none is dated).
ALTER TABLE series_summaries ADD COLUMN first_day TEXT NOT NULL DEFAULT '';
ALTER TABLE series_summaries ADD COLUMN last_day TEXT NOT NULL DEFAULT '';
DELETE FROM series_summaries;
