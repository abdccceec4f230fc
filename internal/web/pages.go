package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/series"
	"github.com/tally-news/tally/internal/store"
)

//go:embed assets/templates/*.html assets/static/*
var assets embed.FS

// staticFiles are the embedded assets with their content types and a
// short content hash, which the pages append to the asset URLs so that a
// browser may cache them for long and still never sees a stale copy.
var staticFiles = loadStatic()

type staticFile struct {
	body        []byte
	contentType string
	version     string
}

func loadStatic() map[string]staticFile {
	types := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
		".svg": "image/svg+xml"}
	out := map[string]staticFile{}
	entries, _ := fs.ReadDir(assets, "assets/static")
	for _, e := range entries {
		b, err := assets.ReadFile("assets/static/" + e.Name())
		if err != nil {
			continue
		}
		sum := sha256.Sum256(b)
		ct := types[path.Ext(e.Name())]
		if ct == "" {
			ct = "application/octet-stream"
		}
		out[e.Name()] = staticFile{body: b, contentType: ct, version: hex.EncodeToString(sum[:4])}
	}
	return out
}

// GET /static/{file}
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	f, ok := staticFiles[r.PathValue("file")]
	if !ok {
		s.pageNotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	if r.URL.Query().Get("v") == f.version {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	w.Write(f.body)
}

// pageSet holds one template per page, each with the shared layout.
type pageSet struct {
	pages map[string]*template.Template
}

var templateFuncs = template.FuncMap{
	"asset": func(name string) string {
		return "/static/" + name + "?v=" + staticFiles[name].version
	},
	"seriesPath":   seriesPath,
	"documentPath": documentPath,
	"evidencePath": evidencePath,
	"timelinePath": timelinePath,
	"num":          series.FormatNumber,
	"count":        func(n int) string { return series.FormatNumber(float64(n)) },
	"f1":           f1,
	"shape":        shapePath,
	"add":          func(a, b float64) float64 { return a + b },
}

func mustParsePages() *pageSet {
	ps := &pageSet{pages: map[string]*template.Template{}}
	for _, name := range []string{"search", "series-list", "series", "document", "error", "alerts", "jobs"} {
		files := []string{"assets/templates/layout.html", "assets/templates/" + name + ".html"}
		if name == "series" {
			files = append(files, "assets/templates/chart.html")
		}
		t := template.Must(template.New(name).Funcs(templateFuncs).ParseFS(assets, files...))
		ps.pages[name] = t
	}
	return ps
}

// pageData is what the layout needs around every page's content.
type pageData struct {
	Title string
	Nav   string // the active navigation entry: search or series
	Data  any
}

// render writes a page. It renders into a buffer first, so a template
// error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, pd pageData) {
	var buf bytes.Buffer
	if err := s.pages.pages[name].ExecuteTemplate(&buf, "layout", pd); err != nil {
		s.opt.Log.Printf("tally serve: %s %s: template %s: %v", r.Method, r.URL.Path, name, err)
		http.Error(w, "internal error rendering the page; see the server log", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", pageData{Title: http.StatusText(status),
		Data: struct {
			Status  int
			Text    string
			Message string
		}{status, http.StatusText(status), msg}})
}

func (s *Server) pageNotFound(w http.ResponseWriter, r *http.Request) {
	if s.methodNotAllowed(w, r) {
		return
	}
	s.pageError(w, r, http.StatusNotFound, "There is no page at this address.")
}

// --- search ---------------------------------------------------------------

// figureRow is one figure in a results table.
type figureRow struct {
	// Day is the figure's date; Stated says whether its source gave it,
	// or it is the article's publication date.
	Day                             string
	Stated                          bool
	NumberText, Figure, Measure     string
	Counted, SeriesKey, Source, Via string
	// The sentence, cut around the number: Before, Number, After.
	Before, Number, After string
	Evidence              string
	Title                 string
	Link                  string // the article's URL, when safe to link
	Hedged                bool
}

// excerptContext is how much of a long sentence each side of the number
// the results table shows.
const excerptContext = 140

func newFigureRow(r *store.Row) figureRow {
	fr := figureRow{Day: r.Day, Stated: r.Date != nil && *r.Date != "", NumberText: r.NumberText, Figure: series.FormatFigure(r.Figure),
		Measure: r.Measure, Counted: deref(r.Counted), SeriesKey: r.Series, Source: r.Source, Via: deref(r.Via),
		Evidence: evidencePath(r.Doc, r.Span[0]), Title: r.Title, Link: safeURL(r.URL), Hedged: r.Hedged}
	if fr.Counted == "" {
		fr.Counted = series.UnknownCounted
	}
	if fr.Title == "" {
		fr.Title = r.Doc
	}
	fr.Before, fr.Number, fr.After = splitSentence(&r.Figure)
	fr.Before = cutLeft(fr.Before, excerptContext)
	fr.After = cutRight(fr.After, excerptContext)
	return fr
}

// splitSentence finds the number phrase in its sentence, by offsets when
// they agree with the text, else by searching; failing both, the whole
// sentence is "before".
func splitSentence(f *claim.Figure) (before, number, after string) {
	s := f.Sentence
	off, n := f.Span[0]-f.SentenceSpan[0], f.Span[1]-f.Span[0]
	if f.SentenceSpan[1] > 0 && off >= 0 && n > 0 && off+n <= len(s) && s[off:off+n] == f.NumberText {
		return s[:off], s[off : off+n], s[off+n:]
	}
	if i := strings.Index(s, f.NumberText); f.NumberText != "" && i >= 0 {
		return s[:i], f.NumberText, s[i+len(f.NumberText):]
	}
	return s, "", ""
}

// cutLeft keeps the last n characters of s, from a word start.
func cutLeft(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	t := string(r[len(r)-n:])
	if i := strings.IndexByte(t, ' '); i >= 0 && i < 20 {
		t = t[i+1:]
	}
	return "…" + t
}

// cutRight keeps the first n characters of s, up to a word end.
func cutRight(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	t := string(r[:n])
	if i := strings.LastIndexByte(t, ' '); i > len(t)-20 && i > 0 {
		t = t[:i]
	}
	return t + "…"
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

type searchData struct {
	Form     map[string]string
	Measures []string
	Error    string
	Searched bool
	Rows     []figureRow
	Limit    int
	More     bool // the listing was cut at Limit
	Stats    store.Stats
}

// GET /
func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := searchData{Form: map[string]string{}, Measures: measures}
	for _, name := range filterParams {
		d.Form[name] = q.Get(name)
		if name != "limit" && strings.TrimSpace(q.Get(name)) != "" {
			d.Searched = true
		}
	}
	status := http.StatusOK
	f, perr := parseFilter(q, false)
	if perr != nil {
		status, d.Error = http.StatusBadRequest, perr.Param+": "+perr.Msg
	} else {
		rows, err := s.opt.Ledger.Figures(r.Context(), f)
		switch {
		case errors.Is(err, store.ErrBadFilter):
			status, d.Error = http.StatusBadRequest, err.Error()
		case err != nil:
			s.internal(w, r, err)
			return
		}
		d.Limit, d.More = f.Limit, len(rows) == f.Limit
		for i := range rows {
			d.Rows = append(d.Rows, newFigureRow(&rows[i]))
		}
	}
	st, err := s.opt.Ledger.Stats(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	d.Stats = st
	title := "Search figures"
	if q := strings.TrimSpace(q.Get("q")); q != "" {
		title = "“" + shorten(q, 60) + "”"
	}
	s.render(w, r, status, "search", pageData{Title: title, Nav: "search", Data: d})
}

// --- series list ------------------------------------------------------------

// GET /series
func (s *Server) pageSeriesList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	rows, all, err := s.seriesRows(r.Context(), q)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "series-list", pageData{Title: "Series", Nav: "series", Data: struct {
		Q      string
		All    int
		Series []store.Summary
	}{q, all, rows}})
}

// --- one series ---------------------------------------------------------------

// claimRow is one claim in the table under the chart.
type claimRow struct {
	ID             int
	Date           string
	Stated         bool   // the date is a source's, not a publication date
	Scope          string // subset, background, … ("" when undecided)
	Aside          bool
	Source, Via    string
	Publisher      bool
	Style          sourceStyle
	Figure         string
	Interval       string
	Qualifier      string
	Hedged         bool
	Documents      int
	Reports        int
	CorroboratedBy []string
	ConflictsWith  []string
	Evidence       string
	Link           string
}

type seriesData struct {
	Key       string
	Kind      string // what the series is, in words
	Rules     []series.Rule
	Chart     chartModel
	Claims    []claimRow
	Consensus string
	Sources   int
	From, To  string
	Conflicts []string
	Spreads   []series.Spread
	Split     []string
	Figures   string // the search page filtered to this series
}

// kindWords says what a series is.
func kindWords(s *series.Series) string {
	switch {
	case s.Kind == series.KindIncident && strings.HasPrefix(s.Key.Part, "report-"):
		return "The undated figures of one article, which name no incident: they cannot be placed in a running total."
	case s.Kind == series.KindIncident:
		return "One incident (" + s.Label + "): the toll of one event, as its reports give it."
	case s.Kind == series.KindPeriod:
		return "The total of one closed period (" + s.Label + "), not comparable with a running total."
	}
	return "The running total: figures counting the whole of a war, a crisis or an open period, and dated figures naming no incident."
}

// GET /series/{key...}
func (s *Server) pageSeries(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("key") == "" {
		http.Redirect(w, r, "/series", http.StatusMovedPermanently)
		return
	}
	if key, ok := strings.CutSuffix(r.PathValue("key"), "/alerts.atom"); ok {
		s.atomAlerts(w, r, key)
		return
	}
	key, perr := parseSeriesKey(r.PathValue("key"))
	if perr != nil {
		s.fail(w, r, http.StatusBadRequest, "key", perr.Msg)
		return
	}
	v, err := loadSeries(r.Context(), s.opt.Ledger, key)
	if errors.Is(err, errNoSeries) {
		s.pageError(w, r, http.StatusNotFound, fmt.Sprintf("The ledger has no figures in the series %q.", key.String()))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	a := &v.Analysis
	st := styles(a.Timeline)
	d := seriesData{Key: v.S.Key.String(), Kind: kindWords(v.S), Rules: series.Rules, Chart: buildChart(v, st),
		From: a.Timeline.From, To: a.Timeline.To, Consensus: a.Consensus.String(), Sources: a.Consensus.Sources,
		Figures: "/?series=" + url.QueryEscape(v.S.Key.String())}
	names := func(cs []*series.Claim) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Source+" ("+series.FormatClaim(c)+")")
		}
		return out
	}
	corroborated := make([][]*series.Claim, len(v.S.Claims))
	for _, co := range a.Corroboration {
		if co.Claim != nil {
			corroborated[v.id(co.Claim)] = co.By
		}
	}
	conflicts := make([][]*series.Claim, len(v.S.Claims))
	for _, cf := range a.Conflicts {
		ia, ib := v.id(cf.A), v.id(cf.B)
		conflicts[ia] = append(conflicts[ia], cf.B)
		conflicts[ib] = append(conflicts[ib], cf.A)
		d.Conflicts = append(d.Conflicts, cf.Reason())
	}
	for i := range v.S.Claims {
		c := &v.S.Claims[i]
		cr := claimRow{ID: i, Date: c.Date, Stated: c.Stated, Scope: c.Scope, Aside: c.Aside(), Source: c.Source, Via: c.Via, Publisher: c.IsPublisher(), Style: st[c.Source],
			Figure: series.FormatClaim(c), Interval: series.FormatInterval(c.Interval), Qualifier: c.Qualifier,
			Hedged: c.Hedged, Documents: c.Documents(), Reports: len(c.Reports),
			CorroboratedBy: names(corroborated[i]), ConflictsWith: names(conflicts[i])}
		if rep := evidenceReport(c); rep != nil {
			cr.Evidence = evidencePath(rep.Doc, rep.Span[0])
			cr.Link = safeURL(rep.URL)
		}
		d.Claims = append(d.Claims, cr)
	}
	for _, sp := range a.Spreads {
		if sp.Disagree {
			d.Spreads = append(d.Spreads, sp)
		}
	}
	for _, k := range v.Split {
		d.Split = append(d.Split, k.String())
	}
	s.render(w, r, http.StatusOK, "series", pageData{Title: d.Key, Nav: "series", Data: d})
}
