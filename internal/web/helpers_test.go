package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/samples"
	"github.com/tally-news/tally/internal/store"
)

var ctx = context.Background()

// fixture is a demo ledger behind a test server, as `tally demo` sets it
// up: a fresh SQLite file holding the sample articles.
type fixture struct {
	st     store.Store
	dbPath string
	ing    *StoreIngester
	srv    *Server
	ts     *httptest.Server
}

// newFixture starts a server over a fresh ledger holding the samples.
// opt's Ledger and Ingester are filled in.
func newFixture(t testing.TB, opt Options) *fixture {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ing := NewStoreIngester(st)
	sum, err := ing.IngestDocuments(ctx, samples.Articles())
	if err != nil || sum.Failed > 0 {
		t.Fatalf("ingest samples: %v %+v", err, sum)
	}
	opt.Ledger, opt.Ingester = st, ing
	if opt.Log == nil {
		opt.Log = log.New(io.Discard, "", 0)
	}
	srv := New(opt)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{st: st, dbPath: dbPath, ing: ing, srv: srv, ts: ts}
}

// get fetches a path and returns the status and body.
func (f *fixture) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(f.ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// getJSON fetches a path, checks the status, and decodes the body.
func (f *fixture) getJSON(t testing.TB, path string, want int, v any) {
	t.Helper()
	code, body := f.get(t, path)
	if code != want {
		t.Fatalf("GET %s: status %d, want %d; body %s", path, code, want, cutBody(body))
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v; body %s", path, err, cutBody(body))
	}
}

// post sends an ingest request with an optional token.
func (f *fixture) post(t testing.TB, path, token, contentType, body string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func cutBody(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// ncSeries is the series the demo is about.
const ncSeries = "North Korea/casualties"

// ncWeek is the part of the bundled samples' North Korea/casualties that
// counts one week (John Kirby's "in the past week alone").
const ncWeek = "North Korea/casualties#week-2024-12-27"
