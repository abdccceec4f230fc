package web

import (
	"context"
	"errors"
	"net/url"
	"strconv"

	"github.com/tally-news/tally/internal/series"
	"github.com/tally-news/tally/internal/store"
)

// errNoSeries: the ledger has no figure in the series asked for.
var errNoSeries = errors.New("no such series")

// seriesView is one series analysed, as both the API and the series page
// show it.
type seriesView struct {
	S        *series.Series
	Analysis series.Analysis
	// index maps a claim to its position in S.Claims: its id in the API
	// and the chart.
	index map[*series.Claim]int
	// Split lists the other series the same counted/measure is divided
	// into — by place, and into its running total, incidents and periods
	// (series.BuildSeries) — so the page can link them.
	Split []series.Key
}

// loadSeries reads a series' reports and analyses them. The store keys
// series by counted/measure; a series split by place is found among the
// series those reports build.
func loadSeries(ctx context.Context, l Ledger, key series.Key) (*seriesView, error) {
	reports, err := store.SeriesReports(ctx, l, key.Counted+"/"+key.Measure)
	if err != nil {
		return nil, err
	}
	all := series.Build(reports)
	s := series.Find(all, key)
	if s == nil || len(s.Claims) == 0 {
		return nil, errNoSeries
	}
	v := &seriesView{S: s, Analysis: s.Analyze(), index: make(map[*series.Claim]int, len(s.Claims))}
	for i := range s.Claims {
		v.index[&s.Claims[i]] = i
	}
	for i := range all {
		if &all[i] != s && len(all[i].Claims) > 0 {
			v.Split = append(v.Split, all[i].Key)
		}
	}
	return v, nil
}

// id is a claim's index in the series.
func (v *seriesView) id(c *series.Claim) int { return v.index[c] }

// evidenceReport is the report the evidence link of a claim shows: the
// one that describes it (series.Claim.Evidence).
func evidenceReport(c *series.Claim) *series.Report { return c.Evidence() }

// seriesPath is the series page of a key; the key's slashes are escaped
// so that it stays one path segment for the API's /timeline suffix too.
func seriesPath(key string) string { return "/series/" + url.PathEscape(key) }

// timelinePath is the API's timeline of a key.
func timelinePath(key string) string { return "/api/series/" + url.PathEscape(key) + "/timeline" }

// documentPath is the evidence page of a document.
func documentPath(id string) string { return "/documents/" + url.PathEscape(id) }

// evidencePath is the evidence page of one figure, named by the byte
// offset its number starts at, scrolled to the highlighted sentence.
func evidencePath(doc string, spanStart int) string {
	return documentPath(doc) + "?figure=" + strconv.Itoa(spanStart) + "#figure"
}

// safeURL returns u when it is an absolute http or https URL, else "":
// article URLs are untrusted, and only these schemes may become links.
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// --- JSON shapes --------------------------------------------------------

// figureJSON is a stored figure on the wire: the figure contract, the
// listing fields of store.Row, and the path of its evidence page.
type figureJSON struct {
	store.Row
	// Day is the date the figure is listed and filtered under: its own
	// date, else its article's publication date; "" when neither is known.
	Day      string `json:"day"`
	Evidence string `json:"evidence"`
}

func figuresJSON(rows []store.Row) []figureJSON {
	out := make([]figureJSON, len(rows))
	for i := range rows {
		out[i] = figureJSON{Row: rows[i], Day: rows[i].Day, Evidence: evidencePath(rows[i].Doc, rows[i].Span[0])}
	}
	return out
}

type claimJSON struct {
	ID         int             `json:"id"`
	Source     string          `json:"source"`
	Via        string          `json:"via,omitempty"`
	Publisher  bool            `json:"publisher"`
	Measure    string          `json:"measure"`
	Counted    string          `json:"counted"`
	Location   string          `json:"location,omitempty"`
	Qualifier  string          `json:"qualifier"`
	NumberText string          `json:"number_text"`
	Value      *float64        `json:"value"`
	Low        *float64        `json:"low"`
	High       *float64        `json:"high"`
	Interval   series.Interval `json:"interval"`
	Best       float64         `json:"best"`
	Text       string          `json:"text"`
	Date       string          `json:"date,omitempty"`
	Last       string          `json:"last,omitempty"`
	// DatePrecision says what Date and Last are: "day" (stated by a
	// source), "published" (publication dates: the figure was stated on
	// or before them), "" (undated).
	DatePrecision  string       `json:"date_precision"`
	ClaimID        string       `json:"claim_id"`
	Scope          string       `json:"scope,omitempty"`
	Aside          bool         `json:"aside"` // a subset or background figure: never compared
	Hedged         bool         `json:"hedged"`
	Documents      int          `json:"documents"`
	Reports        []reportJSON `json:"reports"`
	CorroboratedBy []int        `json:"corroborated_by"`
	ConflictsWith  []int        `json:"conflicts_with"`
	Evidence       string       `json:"evidence,omitempty"`
	FirstURL       string       `json:"first_url,omitempty"`
	FirstSentence  string       `json:"first_sentence,omitempty"`
}

type reportJSON struct {
	Doc          string `json:"doc"`
	NumberText   string `json:"number_text"`
	URL          string `json:"url,omitempty"`
	Published    string `json:"published,omitempty"`
	Date         string `json:"date,omitempty"`
	Duplicate    bool   `json:"duplicate"`
	Sentence     string `json:"sentence"`
	Span         [2]int `json:"span"`
	SentenceSpan [2]int `json:"sentence_span"`
	Evidence     string `json:"evidence"`
}

type rowJSON struct {
	Source    string `json:"source"`
	Publisher bool   `json:"publisher"`
	Claims    []int  `json:"claims"`
}

type consensusJSON struct {
	Low           float64 `json:"low"`
	High          float64 `json:"high"`
	OpenAbove     bool    `json:"open_above"`
	OpenBelow     bool    `json:"open_below"`
	Best          float64 `json:"best"`
	Date          string  `json:"date,omitempty"`
	Sources       int     `json:"sources"`
	Claims        []int   `json:"claims"`
	PublisherOnly bool    `json:"publisher_only"`
	Text          string  `json:"text"`
}

type conflictJSON struct {
	A      int    `json:"a"`
	B      int    `json:"b"`
	Falls  bool   `json:"falls"`
	Reason string `json:"reason"`
}

type spreadJSON struct {
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Lowest   int    `json:"lowest"`
	Highest  int    `json:"highest"`
	Disagree bool   `json:"disagree"`
	Reason   string `json:"reason,omitempty"`
	Sources  int    `json:"sources"`
}

type timelineJSON struct {
	Key        string         `json:"key"`
	Kind       string         `json:"kind"`            // total, incident or period
	Label      string         `json:"label,omitempty"` // the incident's event or the period
	Counted    string         `json:"counted"`
	Measure    string         `json:"measure"`
	Location   string         `json:"location,omitempty"`
	Cumulative bool           `json:"cumulative"`
	From       string         `json:"from,omitempty"`
	To         string         `json:"to,omitempty"`
	Claims     []claimJSON    `json:"claims"`
	Rows       []rowJSON      `json:"rows"`
	Consensus  *consensusJSON `json:"consensus"`
	Conflicts  []conflictJSON `json:"conflicts"`
	Spreads    []spreadJSON   `json:"spreads"`
	Split      []string       `json:"split,omitempty"`
	Page       string         `json:"page"`
}

func (v *seriesView) JSON() timelineJSON {
	a := &v.Analysis
	k := v.S.Key
	out := timelineJSON{Key: k.String(), Kind: v.S.Kind, Label: v.S.Label, Counted: k.Counted, Measure: k.Measure, Location: k.Location,
		Cumulative: series.Cumulative(k.Measure), From: a.Timeline.From, To: a.Timeline.To,
		Claims: make([]claimJSON, len(v.S.Claims)), Rows: []rowJSON{}, Conflicts: []conflictJSON{},
		Spreads: []spreadJSON{}, Page: seriesPath(k.String())}
	for i := range v.S.Claims {
		out.Claims[i] = v.claimJSON(i)
	}
	for _, co := range a.Corroboration {
		if co.Claim == nil {
			continue
		}
		c := &out.Claims[v.id(co.Claim)]
		for _, by := range co.By {
			c.CorroboratedBy = append(c.CorroboratedBy, v.id(by))
		}
	}
	for _, cf := range a.Conflicts {
		ia, ib := v.id(cf.A), v.id(cf.B)
		out.Conflicts = append(out.Conflicts, conflictJSON{A: ia, B: ib, Falls: cf.Falls, Reason: cf.Reason()})
		out.Claims[ia].ConflictsWith = append(out.Claims[ia].ConflictsWith, ib)
		out.Claims[ib].ConflictsWith = append(out.Claims[ib].ConflictsWith, ia)
	}
	for _, r := range a.Timeline.Rows {
		row := rowJSON{Source: r.Source, Publisher: r.Publisher, Claims: make([]int, len(r.Claims))}
		for i, c := range r.Claims {
			row.Claims[i] = v.id(c)
		}
		out.Rows = append(out.Rows, row)
	}
	if cs := a.Consensus; len(cs.Claims) > 0 {
		cj := &consensusJSON{Low: cs.Range.Low, High: cs.Range.High, OpenAbove: cs.OpenAbove, OpenBelow: cs.OpenBelow,
			Best: cs.Best, Date: cs.Date, Sources: cs.Sources, PublisherOnly: cs.PublisherOnly, Text: cs.String()}
		for _, c := range cs.Claims {
			cj.Claims = append(cj.Claims, v.id(c))
		}
		out.Consensus = cj
	}
	for _, sp := range a.Spreads {
		if sp.Lowest == nil || sp.Highest == nil {
			continue
		}
		out.Spreads = append(out.Spreads, spreadJSON{From: sp.From, To: sp.To, Lowest: v.id(sp.Lowest),
			Highest: v.id(sp.Highest), Disagree: sp.Disagree, Reason: sp.Reason, Sources: sp.Sources})
	}
	for _, sk := range v.Split {
		out.Split = append(out.Split, sk.String())
	}
	return out
}

func (v *seriesView) claimJSON(i int) claimJSON {
	c := &v.S.Claims[i]
	cj := claimJSON{ID: i, Source: c.Source, Via: c.Via, Publisher: c.IsPublisher(), Measure: c.Measure,
		Counted: c.Counted, Location: c.Location, Qualifier: c.Qualifier, NumberText: c.NumberText,
		Value: c.Value, Low: c.Low, High: c.High, Interval: c.Interval, Best: c.Best(),
		Text: series.FormatClaim(c), Date: c.Date, Last: c.Last, DatePrecision: c.DatePrecision(), ClaimID: c.ID(),
		Scope: c.Scope, Aside: c.Aside(), Hedged: c.Hedged, Documents: c.Documents(),
		Reports: make([]reportJSON, len(c.Reports)), CorroboratedBy: []int{}, ConflictsWith: []int{},
		FirstURL: c.FirstURL, FirstSentence: c.FirstSentence}
	if cj.Counted == "" {
		cj.Counted = series.UnknownCounted
	}
	for k := range c.Reports {
		r := &c.Reports[k]
		rj := reportJSON{Doc: r.Doc, NumberText: r.NumberText, URL: r.URL, Published: r.Published, Duplicate: r.Duplicate,
			Sentence: r.Sentence, Span: r.Span, SentenceSpan: r.SentenceSpan, Evidence: evidencePath(r.Doc, r.Span[0])}
		if r.Figure.Date != nil {
			rj.Date = *r.Figure.Date
		}
		cj.Reports[k] = rj
	}
	if r := evidenceReport(c); r != nil {
		cj.Evidence = evidencePath(r.Doc, r.Span[0])
	}
	return cj
}
