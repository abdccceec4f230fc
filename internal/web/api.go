package web

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/store"
)

//go:embed assets/openapi.json
var openAPISpec []byte

// errorJSON is every API error: the message says what to do, and
// parameter names the query parameter or field at fault, if one is.
type errorJSON struct {
	Error     string `json:"error"`
	Parameter string `json:"parameter,omitempty"`
	Status    int    `json:"status"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	// HTML escaping stays on: a JSON answer opened in a browser must not
	// be readable as markup, whatever the article said.
	_ = json.NewEncoder(w).Encode(v)
}

// fail answers an error: JSON under /api/, an HTML page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, param, msg string) {
	if isAPI(r) {
		writeJSON(w, status, errorJSON{Error: msg, Parameter: param, Status: status})
		return
	}
	s.pageError(w, r, status, msg)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// failParam answers 400 for a bad parameter.
func (s *Server) failParam(w http.ResponseWriter, r *http.Request, e *paramError) {
	s.fail(w, r, http.StatusBadRequest, e.Param, e.Param+": "+e.Msg)
}

// internal answers 500 for a failing ledger and logs the cause; the
// client learns only that the server failed.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return // the client went away
	}
	s.opt.Log.Printf("tally serve: %s %s: %v", r.Method, r.URL.Path, err)
	s.fail(w, r, http.StatusInternalServerError, "", "the ledger could not be read; see the server log")
}

// GET /api/figures
func (s *Server) apiFigures(w http.ResponseWriter, r *http.Request) {
	f, perr := parseFilter(r.URL.Query(), true)
	if perr != nil {
		s.failParam(w, r, perr)
		return
	}
	rows, err := s.opt.Ledger.Figures(r.Context(), f)
	if errors.Is(err, store.ErrBadFilter) {
		s.fail(w, r, http.StatusBadRequest, "", err.Error())
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Count     int          `json:"count"`
		Limit     int          `json:"limit"`
		Truncated bool         `json:"truncated"`
		Figures   []figureJSON `json:"figures"`
	}{len(rows), f.Limit, len(rows) == f.Limit, figuresJSON(rows)})
}

type seriesInfoJSON struct {
	Key      string `json:"key"`
	Kind     string `json:"kind"`            // total, incident or period
	Label    string `json:"label,omitempty"` // the incident's event or the period
	Counted  string `json:"counted"`
	Measure  string `json:"measure"`
	Figures  int    `json:"figures"`
	Sources  int    `json:"sources"`
	First    string `json:"first,omitempty"`
	Last     string `json:"last,omitempty"`
	Timeline string `json:"timeline"`
	Page     string `json:"page"`
	// From the series logic's summary, when the ledger has one (a series
	// split by place has one per place, under its own key).
	Claims       int    `json:"claims"`
	Voices       int    `json:"independent_sources"`
	Latest       string `json:"latest,omitempty"`
	LatestSource string `json:"latest_source,omitempty"`
	LatestDate   string `json:"latest_date,omitempty"`
	Consensus    string `json:"consensus,omitempty"`
	Conflicts    int    `json:"conflicts"`
	Disagree     bool   `json:"disagree"`
}

// GET /api/series
func (s *Server) apiSeries(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if perr := onlyParams(q, "q"); perr != nil {
		s.failParam(w, r, perr)
		return
	}
	rows, _, err := s.seriesRows(r.Context(), q.Get("q"))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := []seriesInfoJSON{}
	for _, m := range rows {
		j := seriesInfoJSON{Key: m.Key, Kind: m.Kind, Label: m.Label, Counted: m.Counted, Measure: m.Measure,
			Figures: m.Reports, Sources: m.Sources, First: m.FirstDay, Last: m.LastDay,
			Timeline: timelinePath(m.Key), Page: seriesPath(m.Key),
			Claims: m.Claims, Voices: m.Sources, Latest: m.Latest, LatestSource: m.LatestSource, LatestDate: m.LatestDate,
			Consensus: m.Consensus, Conflicts: m.Conflicts, Disagree: m.Disagree}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, struct {
		Series []seriesInfoJSON `json:"series"`
	}{out})
}

// seriesRows lists the series whose id holds q (case ignored), in the
// order of tally series (largest first), and the number of series in the
// ledger. The list is the series logic's: every id in it is a series page
// (the store's counted/measure, split by place and into running total,
// incidents and periods, is never listed as such).
func (s *Server) seriesRows(ctx context.Context, q string) ([]store.Summary, int, error) {
	list, err := s.opt.Ledger.Summaries(ctx, store.SummaryFilter{})
	if err != nil {
		return nil, 0, err
	}
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return list, len(list), nil
	}
	var out []store.Summary
	for _, m := range list {
		if strings.Contains(strings.ToLower(m.Key), q) {
			out = append(out, m)
		}
	}
	return out, len(list), nil
}

// GET /api/series/{key}/timeline
func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	if perr := onlyParams(r.URL.Query()); perr != nil {
		s.failParam(w, r, perr)
		return
	}
	key, perr := parseSeriesKey(r.PathValue("key"))
	if perr != nil {
		s.failParam(w, r, perr)
		return
	}
	v, err := loadSeries(r.Context(), s.opt.Ledger, key)
	if errors.Is(err, errNoSeries) {
		s.fail(w, r, http.StatusNotFound, "key", fmt.Sprintf("no figures in series %q; GET /api/series lists them", key.String()))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v.JSON())
}

type documentJSON struct {
	ID           string    `json:"id"`
	URL          string    `json:"url,omitempty"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	Title        string    `json:"title,omitempty"`
	Publisher    string    `json:"publisher,omitempty"`
	Published    string    `json:"published,omitempty"`
	Language     string    `json:"language,omitempty"`
	Status       string    `json:"status"`
	DuplicateOf  string    `json:"duplicate_of,omitempty"`
	IngestedAt   time.Time `json:"ingested_at"`
	Text         string    `json:"text"`
	Page         string    `json:"page"`
}

// GET /api/documents/{id}
func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	if perr := onlyParams(r.URL.Query()); perr != nil {
		s.failParam(w, r, perr)
		return
	}
	id := r.PathValue("id")
	d, rows, err := s.opt.Ledger.Document(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "id", fmt.Sprintf("no document %q in the ledger", id))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Document documentJSON `json:"document"`
		Figures  []figureJSON `json:"figures"`
	}{documentJSON{ID: d.ID, URL: d.URL, CanonicalURL: d.CanonicalURL, Title: d.Title, Publisher: d.Publisher,
		Published: d.Published, Language: d.Language, Status: d.Status.String(), DuplicateOf: d.DuplicateOf,
		IngestedAt: d.IngestedAt, Text: d.Text, Page: documentPath(d.ID)}, figuresJSON(rows)})
}

// GET /api/stats
func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	if perr := onlyParams(r.URL.Query()); perr != nil {
		s.failParam(w, r, perr)
		return
	}
	st, err := s.opt.Ledger.Stats(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Documents      int `json:"documents"`
		NearDuplicates int `json:"near_duplicates"`
		NotEnglish     int `json:"not_english"`
		Figures        int `json:"figures"`
		Repeats        int `json:"repeats"`
		Sources        int `json:"sources"`
		Series         int `json:"series"`
	}{st.Documents, st.NearDuplicates, st.NotEnglish, st.Figures, st.Repeats, st.Sources, st.Series})
}

// MaxIngestItems caps the documents or URLs of one ingest request: a
// client with more sends more requests, and no request holds the server
// for minutes.
const MaxIngestItems = 1000

// ingestRequest is the body of POST /api/ingest: exactly one of the two.
type ingestRequest struct {
	URLs      []string         `json:"urls"`
	Documents []claim.Document `json:"documents"`
}

// POST /api/ingest
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if ok, status, msg := s.authorized(r); !ok {
		if status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tally"`)
		}
		s.fail(w, r, status, "", msg)
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		s.fail(w, r, http.StatusUnsupportedMediaType, "", "send the body as JSON with 'Content-Type: application/json'")
		return
	}
	body := http.MaxBytesReader(w, r.Body, s.opt.MaxBodyBytes)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	var req ingestRequest
	err := dec.Decode(&req)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("more than one JSON value in the body")
		}
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, "", fmt.Sprintf(
				"the body is larger than %d bytes; send the documents in several requests", s.opt.MaxBodyBytes))
			return
		}
		s.fail(w, r, http.StatusBadRequest, "", `the body is not an ingest request: `+err.Error()+
			`; want {"urls": ["https://…"]} or {"documents": [{"id", "url", "title", "publisher", "published", "text"}]}`)
		return
	}
	switch {
	case req.URLs != nil && req.Documents != nil:
		s.fail(w, r, http.StatusBadRequest, "urls", `give either "urls" or "documents", not both`)
		return
	case req.URLs == nil && req.Documents == nil:
		s.fail(w, r, http.StatusBadRequest, "documents", `the body has neither "urls" nor "documents"`)
		return
	case len(req.URLs) > MaxIngestItems || len(req.Documents) > MaxIngestItems:
		s.fail(w, r, http.StatusRequestEntityTooLarge, "", fmt.Sprintf("at most %d documents or URLs a request; send more requests", MaxIngestItems))
		return
	}
	var sum Summary
	if req.URLs != nil {
		for i, u := range req.URLs {
			if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
				s.fail(w, r, http.StatusBadRequest, "urls", fmt.Sprintf("urls[%d] %q is not an http or https URL", i, u))
				return
			}
		}
		sum, err = s.opt.Ingester.IngestURLs(r.Context(), req.URLs)
	} else {
		sum, err = s.opt.Ingester.IngestDocuments(r.Context(), req.Documents)
	}
	if errors.Is(err, ErrURLsUnsupported) {
		s.fail(w, r, http.StatusNotImplemented, "urls", err.Error())
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if sum.Items == nil {
		sum.Items = []Item{}
	}
	writeJSON(w, http.StatusOK, sum)
}

// GET /api/openapi.json
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPISpec)
}

// apiFallback answers paths under /api/ that no route takes: 405 when the
// path exists for another method, else 404, both as JSON.
func (s *Server) apiFallback(w http.ResponseWriter, r *http.Request) {
	if s.methodNotAllowed(w, r) {
		return
	}
	msg := fmt.Sprintf("no API endpoint %s; GET /api/openapi.json lists them", r.URL.Path)
	if strings.HasPrefix(r.URL.Path, "/api/series/") && strings.HasSuffix(r.URL.Path, "/timeline") {
		msg += `; escape the slashes in a series key: /api/series/North%20Korea%2Fcasualties/timeline`
	}
	s.fail(w, r, http.StatusNotFound, "", msg)
}

// methodNotAllowed answers 405, naming the methods that are, when the
// path is a route for another method; it reports whether it answered.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) bool {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method || (m == http.MethodGet && r.Method == http.MethodHead) {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/api/" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		return false
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	s.fail(w, r, http.StatusMethodNotAllowed, "", fmt.Sprintf("%s is not allowed here; use %s", r.Method, strings.Join(allow, " or ")))
	return true
}
