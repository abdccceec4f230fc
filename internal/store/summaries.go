package store

import (
	"context"
	"database/sql"
	"math"
	"strings"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/series"
)

// Summary is one series as `tally series` lists it. The series logic
// (internal/series) computes it from the series' reports after an ingest;
// the store keeps it so that a list of 10,000 series is one query.
type Summary struct {
	Key     string `json:"series"` // the series id: "North Korea/casualties", "Iraq/killed/Fallujah", "Iraq/killed#bombing-2004-10-01"
	BaseKey string `json:"-"`      // the store's series: counted/measure
	// Kind is "total", "incident" or "period" (series.Kind*); Label the
	// incident's event or the period, "" for a total.
	Kind     string `json:"kind"`
	Label    string `json:"label,omitempty"`
	Counted  string `json:"counted"`
	Measure  string `json:"measure"`
	Location string `json:"location,omitempty"`
	// Claims are distinct assertions; Sources independent voices;
	// Reports every report of the claims; Documents distinct original
	// documents among them.
	Claims, Sources, Reports, Documents int
	Latest                              string   `json:"latest"` // e.g. "≈1,100"
	LatestSource                        string   `json:"latest_source"`
	LatestDate                          string   `json:"latest_date"`
	Consensus                           string   `json:"consensus"` // e.g. "990–4,000"
	ConsensusLow                        *float64 `json:"consensus_low"`
	ConsensusHigh                       *float64 `json:"consensus_high"`
	// ConsensusOpenAbove: the top of the range is only a lower bound
	// ("more than 3,000"); ConsensusOpenBelow: the bottom is only an upper
	// bound ("up to 12,000").
	ConsensusOpenAbove bool `json:"consensus_open_above,omitempty"`
	ConsensusOpenBelow bool `json:"consensus_open_below,omitempty"`
	// FirstDay and LastDay are the first and last claim dates; "" when
	// no claim is dated.
	FirstDay  string `json:"first_day,omitempty"`
	LastDay   string `json:"last_day,omitempty"`
	Conflicts int    `json:"conflicts"`
	// Disagree is set when the highest and lowest estimates of some
	// period cannot both hold.
	Disagree bool `json:"disagree"`
}

// SummaryFilter selects summaries; empty fields select all, matches are
// case-insensitive.
type SummaryFilter struct {
	Counted, Measure string
	Limit            int
}

// Stale is a store series whose summary is missing or older than its
// figures.
type Stale struct {
	Key     string // counted/measure, as Reports takes it
	Figures int    // its figure count now; pass it back to PutSummaries
}

func (s *sqlStore) StaleSeries(ctx context.Context) ([]Stale, error) {
	rs, err := s.query(ctx, `SELECT s.name, s.figures FROM series s
		WHERE s.figures <> COALESCE((SELECT MAX(m.figures_seen) FROM series_summaries m WHERE m.base_key = s.key), -1)
		ORDER BY s.key`)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []Stale
	for rs.Next() {
		var st Stale
		if err := rs.Scan(&st.Key, &st.Figures); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rs.Err()
}

func (s *sqlStore) PutSummaries(ctx context.Context, st Stale, sums []Summary, placed map[string][]int64) error {
	base := key(st.Key)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.d.rebind(`DELETE FROM series_summaries WHERE base_key = ?`), base); err != nil {
		return err
	}
	for _, m := range sums {
		kind := m.Kind
		if kind == "" {
			kind = series.KindTotal
		}
		if _, err := tx.ExecContext(ctx, s.d.rebind(`INSERT INTO series_summaries(key, base_key, counted, measure, location,
			claims, sources, reports, documents, latest, latest_source, latest_date, consensus, consensus_low, consensus_high,
			conflicts, disagree, figures_seen, kind, label, consensus_open_above, consensus_open_below, first_day, last_day)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			m.Key, base, m.Counted, m.Measure, m.Location, m.Claims, m.Sources, m.Reports, m.Documents, m.Latest,
			m.LatestSource, m.LatestDate, m.Consensus, nullFloat(m.ConsensusLow), nullFloat(m.ConsensusHigh),
			m.Conflicts, m.Disagree, st.Figures, kind, m.Label, m.ConsensusOpenAbove, m.ConsensusOpenBelow, m.FirstDay, m.LastDay); err != nil {
			return err
		}
	}
	// Each figure learns the series it is in; rows already right are
	// left alone, so a refresh that moves nothing writes nothing. The
	// running total, whose id is the store series itself, is written ''
	// (what every figure starts with): most figures of a large ledger are
	// in it, and a first refresh need not rewrite them all.
	for _, id := range sortedKeys(placed) {
		pks := placed[id]
		val := id
		if key(id) == base {
			val = ""
		}
		for lo := 0; lo < len(pks); lo += 500 {
			chunk := pks[lo:min(lo+500, len(pks))]
			args := []any{val}
			for _, pk := range chunk {
				args = append(args, pk)
			}
			args = append(args, val)
			if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE figures SET series_id = ? WHERE pk IN (`+
				placeholders(len(chunk))+`) AND series_id <> ?`), args...); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

func (s *sqlStore) Summaries(ctx context.Context, f SummaryFilter) ([]Summary, error) {
	q := `SELECT key, base_key, counted, measure, location, claims, sources, reports, documents, latest, latest_source,
		latest_date, consensus, consensus_low, consensus_high, conflicts, disagree, kind, label,
		consensus_open_above, consensus_open_below, first_day, last_day FROM series_summaries`
	var conds []string
	var args []any
	if f.Counted != "" {
		conds = append(conds, "lower(counted) = ?")
		args = append(args, strings.ToLower(f.Counted))
	}
	if f.Measure != "" {
		conds = append(conds, "lower(measure) = ?")
		args = append(args, strings.ToLower(f.Measure))
	}
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += " ORDER BY claims DESC, key"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rs, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []Summary
	for rs.Next() {
		var m Summary
		var lo, hi sql.NullFloat64
		if err := rs.Scan(&m.Key, &m.BaseKey, &m.Counted, &m.Measure, &m.Location, &m.Claims, &m.Sources, &m.Reports,
			&m.Documents, &m.Latest, &m.LatestSource, &m.LatestDate, &m.Consensus, &lo, &hi, &m.Conflicts, &m.Disagree,
			&m.Kind, &m.Label, &m.ConsensusOpenAbove, &m.ConsensusOpenBelow, &m.FirstDay, &m.LastDay); err != nil {
			return nil, err
		}
		m.ConsensusLow, m.ConsensusHigh = fptr(lo), fptr(hi)
		out = append(out, m)
	}
	return out, rs.Err()
}

func nullFloat(v *float64) sql.NullFloat64 {
	if v == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *v, Valid: true}
}

// AsReports turns stored rows into the series logic's reports.
func AsReports(rows []Row) []series.Report {
	out := make([]series.Report, len(rows))
	for i := range rows {
		r := &rows[i]
		out[i] = series.Report{ID: r.ID, Doc: r.Doc, URL: r.URL, Title: r.Title, Published: r.Published, Duplicate: r.NearDuplicate, Figure: r.Figure}
	}
	return out
}

// ReportReader is the part of a Store that SeriesReports needs.
type ReportReader interface {
	Reports(ctx context.Context, series string) ([]Row, error)
}

// SeriesReports loads a series' reports for the series logic. A
// casualties series also gets the casualties its sources give as killed
// and wounded together (series.Derive), so that a source reporting "300
// killed and 2,700 wounded" stands in the casualties timeline too.
func SeriesReports(ctx context.Context, st ReportReader, key string) ([]series.Report, error) {
	rows, err := st.Reports(ctx, key)
	if err != nil {
		return nil, err
	}
	reports := AsReports(rows)
	counted, measure, ok := cutSeries(key)
	if !ok || !strings.EqualFold(measure, claim.Casualties) {
		return reports, nil
	}
	var parts []series.Report
	for _, m := range []string{claim.Killed, claim.Wounded} {
		rows, err := st.Reports(ctx, counted+"/"+m)
		if err != nil {
			return nil, err
		}
		parts = append(parts, AsReports(rows)...)
	}
	return append(reports, series.Derive(parts)...), nil
}

// cutSeries splits "North Korea/casualties" at its last slash.
func cutSeries(key string) (counted, measure string, ok bool) {
	i := strings.LastIndex(key, "/")
	if i < 0 {
		return "", "", false
	}
	return key[:i], key[i+1:], true
}

// Refresh recomputes the summaries of every stale series: after an
// ingest, and before listing series from a ledger an older tally filled.
// It reads each stale series once; on a ledger where nothing changed it
// is one query.
func Refresh(ctx context.Context, st Store) error {
	stale, err := st.StaleSeries(ctx)
	if err != nil {
		return err
	}
	stale, err = withCasualties(ctx, st, stale)
	if err != nil {
		return err
	}
	for _, s := range stale {
		reports, err := SeriesReports(ctx, st, s.Key)
		if err != nil {
			return err
		}
		var sums []Summary
		placed := map[string][]int64{}
		for _, sr := range series.Build(reports) {
			sums = append(sums, summarize(sr.Summary()))
			id := sr.Key.String()
			for i := range sr.Claims {
				for k := range sr.Claims[i].Reports {
					// Only this series' own figures: a casualties series
					// also holds claims derived from killed and wounded
					// figures (negative ids), which stay in theirs.
					if r := &sr.Claims[i].Reports[k]; r.ID > 0 && key(r.Measure) == key(sr.Key.Measure) {
						placed[id] = append(placed[id], r.ID)
					}
				}
			}
		}
		if err := st.PutSummaries(ctx, s, sums, placed); err != nil {
			return err
		}
	}
	return nil
}

// summarize flattens the series logic's summary for storage.
func summarize(ss series.SeriesSummary) Summary {
	m := Summary{Key: ss.Key.String(), Kind: ss.Kind, Label: ss.Label, Counted: ss.Key.Counted, Measure: ss.Key.Measure, Location: ss.Key.Location,
		Claims: ss.Claims, Sources: ss.Sources, Reports: ss.Reports, Documents: ss.Documents,
		Conflicts: ss.Conflicts, Disagree: ss.Disagree, FirstDay: ss.From, LastDay: ss.To}
	if c := ss.Latest; c != nil {
		m.Latest, m.LatestSource, m.LatestDate = series.FormatClaim(c), c.Source, c.Date
	}
	if len(ss.Consensus.Claims) > 0 {
		m.Consensus = ss.Consensus.String()
		m.ConsensusOpenAbove, m.ConsensusOpenBelow = ss.Consensus.OpenAbove, ss.Consensus.OpenBelow
		lo, hi := ss.Consensus.Range.Low, ss.Consensus.Range.High
		m.ConsensusLow = &lo
		if !math.IsInf(hi, 1) {
			m.ConsensusHigh = &hi
		}
	}
	return m
}

// withCasualties adds to the stale series the casualties series of every
// counted group whose killed or wounded series is stale: its derived
// claims have changed.
func withCasualties(ctx context.Context, st Store, stale []Stale) ([]Stale, error) {
	need := map[string]bool{}
	have := map[string]bool{}
	for _, s := range stale {
		have[key(s.Key)] = true
		if counted, m, ok := cutSeries(s.Key); ok && (strings.EqualFold(m, claim.Killed) || strings.EqualFold(m, claim.Wounded)) {
			need[key(counted+"/"+claim.Casualties)] = true
		}
	}
	if len(need) == 0 {
		return stale, nil
	}
	infos, err := st.Series(ctx)
	if err != nil {
		return nil, err
	}
	for _, in := range infos {
		if k := key(in.Key); need[k] && !have[k] {
			stale = append(stale, Stale{Key: in.Key, Figures: in.Figures})
		}
	}
	return stale, nil
}
