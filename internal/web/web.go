// Package web serves the ledger to people and programs: a JSON API
// described by an OpenAPI file (/api/openapi.json) and a small web UI —
// a figure search, the series list, a series page with its timeline chart,
// and an evidence page showing each figure's sentence in its article.
//
// Everything is rendered on the server with html/template, the chart
// included (an SVG drawn in chart.go), and every asset is embedded, so
// the one binary works offline and the pages work without JavaScript; the
// little script there is only adds keyboard shortcuts.
//
// Article text, titles, URLs and even source names come from untrusted
// pages: they reach the browser only through html/template's contextual
// escaping (or encoding/json), only http and https URLs become links, and
// a strict Content-Security-Policy forbids inline script (security.go).
// Reading is open to whoever can reach the server; writing (POST
// /api/ingest) needs the bearer token the server was started with.
package web

import (
	"context"
	"log"
	"net/http"
	"strings"

	"github.com/tally-news/tally/internal/store"
)

// Ledger is what the server reads from the store; store.Store has it.
type Ledger interface {
	Figures(ctx context.Context, f store.Filter) ([]store.Row, error)
	Document(ctx context.Context, id string) (store.Doc, []store.Row, error)
	Reports(ctx context.Context, series string) ([]store.Row, error)
	Series(ctx context.Context) ([]store.SeriesInfo, error)
	Summaries(ctx context.Context, f store.SummaryFilter) ([]store.Summary, error)
	Stats(ctx context.Context) (store.Stats, error)
}

// Options configure a Server.
type Options struct {
	Ledger Ledger
	// Ingester serves POST /api/ingest; nil refuses every ingest.
	Ingester Ingester
	// Token is the bearer token POST /api/ingest must carry; empty
	// refuses every ingest, whatever the Ingester.
	Token string
	// LoopbackOnly makes the server answer only requests addressed to a
	// loopback host name (localhost, 127.0.0.1, [::1]). A server bound to
	// loopback sets it: it stops web pages on other sites from reading
	// the ledger through DNS rebinding.
	LoopbackOnly bool
	// MaxBodyBytes caps a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Alerts, when set, serves /alerts, /alerts.atom and
	// /series/{key}/alerts.atom.
	Alerts Alerts
	// Jobs, when set, serves /admin/jobs to holders of Token.
	Jobs Jobs
	// Log receives server-side errors (a failing database); nil means
	// the standard logger.
	Log *log.Logger
}

// DefaultMaxBodyBytes caps an ingest request: a few dozen long articles.
const DefaultMaxBodyBytes = 8 << 20

// Server is the web UI and API as one http.Handler.
type Server struct {
	opt     Options
	mux     *http.ServeMux
	handler http.Handler
	pages   *pageSet
}

// New builds the server. It panics only if the embedded templates are
// broken, which the tests would have caught.
func New(opt Options) *Server {
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opt.Log == nil {
		opt.Log = log.Default()
	}
	s := &Server{opt: opt, mux: http.NewServeMux(), pages: mustParsePages()}
	for _, rt := range s.routes() {
		s.mux.HandleFunc(rt.pattern, rt.handler)
	}
	var h http.Handler = s.mux
	if v, ok := opt.Ledger.(Versioned); ok {
		h = (&respCache{ledger: v}).wrap(h)
	}
	s.handler = s.secure(h)
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// route is one entry of the mux. Documented routes are described in
// openapi.json; a test checks the two lists match.
type route struct {
	pattern    string
	handler    http.HandlerFunc
	documented bool
}

func (s *Server) routes() []route {
	return []route{
		// The JSON API.
		{"GET /api/figures", s.apiFigures, true},
		{"GET /api/series", s.apiSeries, true},
		{"GET /api/series/{key}/timeline", s.apiTimeline, true},
		{"GET /api/documents/{id...}", s.apiDocument, true},
		{"GET /api/stats", s.apiStats, true},
		{"POST /api/ingest", s.apiIngest, true},
		{"GET /api/openapi.json", s.apiOpenAPI, true},
		// The web UI.
		{"GET /{$}", s.pageSearch, true},
		{"GET /series", s.pageSeriesList, true},
		{"GET /series/{key...}", s.pageSeries, true},
		{"GET /documents/{id...}", s.pageDocument, true},
		{"GET /static/{file}", s.static, true},
		{"GET /alerts", s.pageAlerts, false},
		{"GET /alerts.atom", s.atomAllAlerts, false},
		{"GET /admin/jobs", s.pageJobs, false},
		// Fallbacks: JSON errors under /api/, an HTML page elsewhere.
		{"/api/", s.apiFallback, false},
		{"/", s.pageNotFound, false},
	}
}

// openAPIPath turns a mux pattern's path into an OpenAPI path template:
// "/documents/{id...}" → "/documents/{id}", "/{$}" → "/".
func openAPIPath(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.ReplaceAll(path, "...}", "}")
	path = strings.TrimSuffix(path, "{$}")
	return method, path
}
