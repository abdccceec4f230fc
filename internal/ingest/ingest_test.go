package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/warc/warctest"
)

// Reports written for these tests in the style of wire copy. Each has
// exactly the figures its comment says (a headline figure counts too).
var reports = []string{
	// 3 figures: killed (headline and lead), wounded
	"Bridge collapse kills 14\n\nAt least 14 people were killed and 52 injured when a bridge collapsed near the provincial capital, police said on Monday.\n",
	// 2 figures: displaced (headline "thousands", lead)
	"Floods displace thousands\n\nFloods have displaced nearly 40,000 people across six districts, the national disaster agency said on Tuesday.\n",
	// 1 figure: arrested
	"Police detain protesters\n\nPolice arrested 230 people during overnight protests in the capital, the interior ministry said.\n",
}

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func run(t *testing.T, st store.Store, srcs []string, g gather.Options) (ingest.Summary, []string) {
	t.Helper()
	var errs []string
	sum := ingest.Run(context.Background(), st, srcs, ingest.Options{Gather: g}, func(err error) { errs = append(errs, err.Error()) })
	return sum, errs
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFolderTwice ingests a folder, then the same folder again: the second
// run stores nothing and the ledger's counts do not move.
func TestFolderTwice(t *testing.T) {
	dir := t.TempDir()
	for i, r := range reports {
		write(t, dir, fmt.Sprintf("report%d.txt", i), r)
	}
	write(t, dir, "more.jsonl", `{"id":"j1","url":"https://example.org/j1","published":"2025-01-27","text":"Gunmen kidnapped 17 missionaries on Saturday, a security source said."}`+"\n")
	write(t, dir, "notes.bin", "\x00\x01\x02")
	write(t, dir, ".hidden.txt", "Floods killed 300 people, officials said.")
	st := openStore(t)

	sum, errs := run(t, st, []string{dir}, gather.Options{Published: "2025-01-27"})
	if len(errs) != 0 || sum.New != 4 || sum.Figures != 7 || sum.Duplicate != 0 || sum.Ignored != 1 {
		t.Fatalf("first run: %s, ignored %d; errors %q", sum, sum.Ignored, errs)
	}
	sum, errs = run(t, st, []string{dir}, gather.Options{Published: "2025-01-27"})
	if len(errs) != 0 || sum.New != 0 || sum.Duplicate != 4 || sum.Figures != 0 {
		t.Fatalf("second run: %s; errors %q", sum, errs)
	}
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != 4 || stats.Figures != 7 {
		t.Errorf("ledger holds %d documents and %d figures, want 4 and 7", stats.Documents, stats.Figures)
	}
}

// TestNearDuplicate stores a syndicated copy with a small edit once more,
// linked to the first, and does not count its figures again.
func TestNearDuplicate(t *testing.T) {
	dir := t.TempDir()
	long := reports[0] + "Rescue teams worked through the night to reach vehicles trapped under the debris, and the regional governor declared three days of mourning for the victims of the disaster.\n"
	write(t, dir, "a.jsonl", fmt.Sprintf(`{"id":"wire","url":"https://example.org/a","published":"2025-01-27","text":%q}`+"\n", long))
	write(t, dir, "b.jsonl", fmt.Sprintf(`{"id":"copy","url":"https://example.net/b","published":"2025-01-27","text":%q}`+"\n", long+"Reporting by the Example Wire.\n"))
	st := openStore(t)
	sum, errs := run(t, st, []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")}, gather.Options{Workers: 1})
	if len(errs) != 0 || sum.New != 1 || sum.NearDuplicate != 1 || sum.Figures != 3 || sum.Repeats != 3 {
		t.Fatalf("%s; errors %q", sum, errs)
	}
}

// page is a news page with one report as its article.
func page(title, body string) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>" + title + "</h1>")
	for _, p := range strings.Split(strings.TrimSpace(body), "\n") {
		if p != "" {
			b.WriteString("<p>" + p + "</p>")
		}
	}
	b.WriteString("<p>The regional government said it would publish a full account of the response once the emergency was over, and asked residents to follow official guidance.</p>")
	b.WriteString("</article><footer>Example News</footer></body></html>")
	return b.String()
}

// TestWeb ingests a feed whose items are articles on a test server, with
// a redirect, a slow page, an oversized page and a missing page among
// them: the good articles are stored, each bad one is one error, and a
// second run fetches nothing it already holds.
func TestWeb(t *testing.T) {
	hits := map[string]int{}
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>%[1]s</link>
<item><title>A</title><link>%[1]s/a</link><pubDate>Mon, 27 Jan 2025 08:00:00 GMT</pubDate></item>
<item><title>B</title><link>%[1]s/b</link><pubDate>Mon, 27 Jan 2025 09:00:00 GMT</pubDate></item>
<item><title>Moved</title><link>%[1]s/moved</link></item>
<item><title>Slow</title><link>%[1]s/slow</link></item>
<item><title>Big</title><link>%[1]s/big</link></item>
<item><title>Gone</title><link>%[1]s/gone</link></item>
</channel></rss>`, srv.URL)
	})
	article := func(title, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			hits[r.URL.Path]++
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page(title, body))
		}
	}
	mux.HandleFunc("/a", article("Bridge collapse kills 14", reports[0]))
	mux.HandleFunc("/b", article("Police detain protesters", reports[2]))
	mux.HandleFunc("/c", article("Floods displace thousands", reports[1]))
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		hits[r.URL.Path]++
		http.Redirect(w, r, "/c", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.Repeat([]byte("<p>filler</p>"), 100_000))
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()

	st := openStore(t)
	g := gather.Options{Fetch: fetch.Options{AllowPrivate: true, Timeout: 500 * time.Millisecond, MaxBytes: 256 << 10}, Fetchers: 1, Workers: 1}
	sum, errs := run(t, st, []string{srv.URL + "/feed.xml"}, g)
	if sum.New != 3 || sum.Failed != 3 || sum.Figures != 6 {
		t.Fatalf("%s; errors %q", sum, errs)
	}
	for _, want := range []string{"/slow: timed out", "/big: response larger than", "/gone: "} {
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e, want)
		}
		if !found {
			t.Errorf("no error naming %q among %q", want, errs)
		}
	}
	sum, _ = run(t, st, []string{srv.URL + "/feed.xml"}, g)
	if sum.New != 0 || hits["/a"] != 1 || hits["/b"] != 1 || hits["/moved"] != 1 {
		t.Errorf("second run: %s; /a fetched %d times, /b %d, /moved %d (want once each)", sum, hits["/a"], hits["/b"], hits["/moved"])
	}
	// Without --allow-private the test server's loopback address is refused.
	sum, errs = run(t, openStore(t), []string{srv.URL + "/feed.xml"}, gather.Options{})
	if sum.New != 0 || len(errs) != 1 || !strings.Contains(errs[0], "loopback") {
		t.Errorf("private address: %s; errors %q", sum, errs)
	}
}

// TestWARC ingests a gzipped WARC written here: two HTML responses are
// stored, an image is skipped, and a truncated last record is one error.
func TestWARC(t *testing.T) {
	var out bytes.Buffer
	n := 0
	record := func(uri, contentType, body string, cut bool) {
		warctest.Record(&out, "response", n, uri, "2025-01-27T10:00:00Z", "application/http;msgtype=response", warctest.Response(contentType, body), true, cut)
		n++
	}
	record("https://example.org/a", "text/html", page("Bridge collapse kills 14", reports[0]), false)
	record("https://example.org/logo.png", "image/png", "\x89PNG\r\n\x1a\n", false)
	record("https://example.org/b", "text/html; charset=utf-8", page("Floods displace thousands", reports[1]), false)
	record("https://example.org/c", "text/html", page("Police detain protesters", reports[2]), true)
	path := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	sum, errs := run(t, st, []string{path}, gather.Options{})
	if sum.New != 2 || sum.Failed != 1 || sum.Figures != 5 {
		t.Fatalf("%s; errors %q", sum, errs)
	}
	if !strings.Contains(errs[0], "crawl.warc.gz") {
		t.Errorf("error %q does not name the file", errs[0])
	}
}

// TestWholeGzipWARC ingests a WARC gzipped whole (`gzip crawl.warc`): every
// page is stored, not just the first record's; cut short, the pages before
// the cut are stored and the cut is one error.
func TestWholeGzipWARC(t *testing.T) {
	var plain bytes.Buffer
	for i, title := range []string{"Bridge collapse kills 14", "Floods displace thousands", "Police detain protesters"} {
		warctest.Record(&plain, "response", i, fmt.Sprintf("https://example.org/%d", i), "2025-01-27T10:00:00Z",
			"application/http;msgtype=response", warctest.Response("text/html", page(title, reports[i])), false, false)
	}
	var whole bytes.Buffer
	zw := gzip.NewWriter(&whole)
	zw.Write(plain.Bytes())
	zw.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "crawl.warc.gz")
	os.WriteFile(path, whole.Bytes(), 0o644)
	sum, errs := run(t, openStore(t), []string{path}, gather.Options{})
	if sum.New != 3 || sum.Failed != 0 {
		t.Errorf("whole-file gzip: %s; errors %q", sum, errs)
	}
	cut := filepath.Join(dir, "cut.warc.gz")
	os.WriteFile(cut, whole.Bytes()[:whole.Len()*3/4], 0o644)
	sum, errs = run(t, openStore(t), []string{cut}, gather.Options{})
	if sum.New < 1 || sum.New > 2 || sum.Failed != 1 || !strings.Contains(errs[0], "truncated") {
		t.Errorf("cut whole-file gzip: %s; errors %q", sum, errs)
	}
}
