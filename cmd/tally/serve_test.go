package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveBuffer is a bytes.Buffer a server goroutine writes while the
// test reads it.
type serveBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *serveBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *serveBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// runTally runs tally in-process with no standard input.
func runTally(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// serving is a server command started in the background.
type serving struct {
	stdout, stderr serveBuffer
	stop           context.CancelFunc
	done           chan int
	url            string
}

var servedURL = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)

// startServing runs a serving command until the test stops it, and waits for
// the URL it prints.
func startServing(t *testing.T, args ...string) *serving {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	old := signalContext
	signalContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Cleanup(func() { signalContext = old })
	r := &serving{stop: cancel, done: make(chan int, 1)}
	go func() { r.done <- run(args, strings.NewReader(""), &r.stdout, &r.stderr) }()
	deadline := time.Now().Add(20 * time.Second)
	for r.url == "" {
		select {
		case code := <-r.done:
			t.Fatalf("%v exited %d before serving: %s", args, code, r.stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%v printed no URL: %q", args, r.stdout.String())
		}
		r.url = servedURL.FindString(r.stdout.String())
		time.Sleep(10 * time.Millisecond)
	}
	t.Cleanup(func() { r.stop() })
	return r
}

// wait stops the server and returns its exit status.
func (r *serving) wait(t *testing.T) int {
	t.Helper()
	r.stop()
	select {
	case code := <-r.done:
		return code
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop")
		return -1
	}
}

func serveGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// servePost posts a JSON body with a bearer token.
func servePost(t *testing.T, url, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestDemoNoServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := runTally("demo", "--no-serve", "--db", db)
	if code != 0 || !strings.Contains(out, "read 11 sample articles") || !strings.Contains(out, "figures in") || errs != "" {
		t.Fatalf("demo --no-serve: %d %q %q", code, out, errs)
	}
	// The ledger is an ordinary one: the other commands read it.
	code, out, errs = runTally("figures", "--db", db, "--series", "North Korea/casualties", "--format", "jsonl")
	if code != 0 || strings.Count(out, "\n") < 5 {
		t.Errorf("figures on the demo ledger: %d %q %q", code, out, errs)
	}
	// A second run finds every article stored.
	code, out, _ = runTally("demo", "--no-serve", "--db", db)
	if code != 0 || !strings.Contains(out, "0 new") || !strings.Contains(out, "11 already stored") {
		t.Errorf("second demo: %d %q", code, out)
	}
}

func TestDemoServes(t *testing.T) {
	r := startServing(t, "demo", "--addr", "127.0.0.1:0")
	m := regexp.MustCompile(`ledger (\S+)`).FindStringSubmatch(r.stdout.String())
	if m == nil {
		t.Fatalf("no ledger path in %q", r.stdout.String())
	}
	if _, err := os.Stat(m[1]); err != nil {
		t.Fatalf("demo ledger: %v", err)
	}
	code, body := serveGet(t, r.url+"api/series")
	var list struct{ Series []struct{ Key string } }
	if code != 200 || json.Unmarshal([]byte(body), &list) != nil || !strings.Contains(body, "North Korea/casualties") {
		t.Errorf("GET /api/series: %d %s", code, body)
	}
	if code, body := serveGet(t, r.url+"series/North%20Korea%2Fcasualties"); code != 200 || !strings.Contains(body, `<svg id="chart"`) {
		t.Errorf("series page: %d", code)
	}
	// Without a token nothing is written.
	resp, err := http.Post(r.url+"api/ingest", "application/json", strings.NewReader(`{"documents":[{"id":"x","text":"At least 4 died."}]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("ingest without a token: %d", resp.StatusCode)
	}
	if code := r.wait(t); code != 0 {
		t.Errorf("exit %d: %s", code, r.stderr.String())
	}
	// The temporary ledger goes with the demo.
	if _, err := os.Stat(filepath.Dir(m[1])); !os.IsNotExist(err) {
		t.Errorf("demo ledger left behind: %v", err)
	}
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := runTally("demo", "--no-serve", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	r := startServing(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	if !strings.Contains(r.stdout.String(), db) {
		t.Errorf("banner does not name the ledger: %q", r.stdout.String())
	}
	if code, body := serveGet(t, r.url+"?q=killed"); code != 200 || !strings.Contains(body, `id="results"`) {
		t.Errorf("search page: %d", code)
	}
	if code, _ := serveGet(t, r.url+"api/openapi.json"); code != 200 {
		t.Errorf("openapi: %d", code)
	}
	if code := r.wait(t); code != 0 {
		t.Errorf("exit %d: %s", code, r.stderr.String())
	}
}

func TestServeToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db") // created: a token server may start empty
	t.Setenv("TALLY_TOKEN", "s3cret")
	r := startServing(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	code, b := servePost(t, r.url+"api/ingest", "s3cret",
		`{"documents":[{"id":"a","published":"2025-03-03","text":"At least 40 people were killed in the avalanche, police said on Monday."}]}`)
	if code != 200 || !strings.Contains(b, `"new":1`) {
		t.Errorf("ingest with the token: %d %s", code, b)
	}
	if code, body := serveGet(t, r.url+"api/figures?q=avalanche"); code != 200 || !strings.Contains(body, `"count":1`) {
		t.Errorf("figure not served after ingest: %d %s", code, body)
	}
	r.wait(t)
}

func TestServeErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	t.Setenv("TALLY_TOKEN", "")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"serve", "--help"}, 0, ""},
		{[]string{"demo", "--help"}, 0, ""},
		{[]string{"serve", "--addr", ":8080", "--db", missing}, 2, "--token"},
		{[]string{"serve", "--addr", "0.0.0.0:0", "--db", missing}, 2, "not a loopback address"},
		{[]string{"demo", "--addr", "192.168.0.10:80"}, 2, "--token"},
		{[]string{"serve", "--addr", "nonsense", "--db", missing}, 2, "HOST:PORT"},
		{[]string{"serve", "extra", "--db", missing}, 2, "unexpected argument"},
		{[]string{"serve", "--bogus"}, 2, "bogus"},
		{[]string{"serve", "--db", missing, "--addr", "127.0.0.1:0"}, 1, "no ledger"},
	}
	for _, tc := range tests {
		code, out, errs := runTally(tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d with %q", tc.args, code, errs, tc.code, tc.msg)
		}
		if tc.code == 0 && !strings.Contains(out, "Usage: tally") {
			t.Errorf("%v: no usage", tc.args)
		}
		if tc.code != 0 && strings.Count(strings.TrimSpace(errs), "\n") > 1 {
			t.Errorf("%v: more than one error line: %q", tc.args, errs)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("serve without a token created a ledger")
	}

	// A port in use: one line, with what to do.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(dir, "demo.db")
	if code, _, errs := runTally("demo", "--no-serve", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	code, _, errs := runTally("serve", "--db", db, "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(errs, "--addr") {
		t.Errorf("port in use: %d %q", code, errs)
	}
}

// TestServeIngestURLs posts an article's URL to a token server: it is
// fetched, stored and searchable; a missing page is one failed item.
func TestServeIngestURLs(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/story" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="en"><head><title>Avalanche kills 40</title></head><body><article><h1>Avalanche kills 40</h1>
<p>At least 40 people were killed when an avalanche buried a mountain village on Monday, police said.</p>
<p>Rescue teams from two neighbouring valleys searched through the night for survivors under the snow.</p>
<p>The regional governor declared a day of mourning and promised help for the families who lost their homes.</p></article></body></html>`)
	}))
	defer site.Close()
	t.Setenv("TALLY_TOKEN", "s3cret")
	r := startServing(t, "serve", "--db", filepath.Join(t.TempDir(), "new.db"), "--addr", "127.0.0.1:0", "--allow-private")
	body := fmt.Sprintf(`{"urls":[%q, %q]}`, site.URL+"/story", site.URL+"/gone")
	code, b := servePost(t, r.url+"api/ingest", "s3cret", body)
	if code != 200 || !strings.Contains(b, `"new":1`) || !strings.Contains(b, `"failed":1`) {
		t.Errorf("ingest of URLs: %d %s", code, b)
	}
	if code, body := serveGet(t, r.url+"api/figures?q=avalanche"); code != 200 || !strings.Contains(body, `"count":1`) {
		t.Errorf("figures not served after ingest: %d %s", code, body)
	}
	r.wait(t)
}
