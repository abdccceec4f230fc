package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/store"
)

// TestMain lets a test run the tally command in a child process: the
// test binary started with TALLY_TEST_MAIN=1 is tally itself.
func TestMain(m *testing.M) {
	if os.Getenv("TALLY_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// tallyCmd is the tally command in a child process.
func tallyCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "TALLY_TEST_MAIN=1")
	return cmd
}

// slowSite serves a feed of n articles, each answered after delay, and
// counts the fetches of each.
type slowSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newSlowSite(t *testing.T, n int, delay time.Duration) *slowSite {
	s := &slowSite{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow News</title><link>%s</link>`, s.URL)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, `<item><title>Story %d</title><link>%s/story/%d</link></item>`, i, s.URL, i)
		}
		b.WriteString(`</channel></rss>`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, b.String())
	})
	mux.HandleFunc("/story/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		time.Sleep(delay)
		i := strings.TrimPrefix(r.URL.Path, "/story/")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// Each story is its own text (a different town and toll), so no
		// two are duplicates of each other.
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Blast in town %[1]s</title></head><body><article><h1>Blast in town %[1]s</h1>
<p>At least %[1]s people were killed when a gas tank exploded in the market of town number %[1]s on Monday, police said.</p>
<p>Firefighters from three neighbouring districts fought the blaze for several hours before it was brought under control late in the evening.</p>
<p>The regional governor ordered an inquiry into the safety of gas storage in markets across the province.</p></article></body></html>`, fmt.Sprint(100+len(i)*1000+atoi(i)))
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func ledgerStats(t *testing.T, db string) store.Stats {
	t.Helper()
	st, err := store.OpenExisting(context.Background(), db)
	if err != nil {
		return store.Stats{}
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Logf("stats: %v", err)
	}
	return s
}

// TestIngestKilledAndResumed kills an ingest with SIGKILL half-way, then
// runs the same command again: nothing committed is lost, the second run
// stores only what was missing, and no stored article is fetched again.
func TestIngestKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	const n = 40
	// Slow enough that the run (3 s) spans several one-second batches.
	site := newSlowSite(t, n, 150*time.Millisecond)
	db := filepath.Join(t.TempDir(), "ledger.db")
	args := []string{"ingest", "--db", db, "--allow-private", "--quiet", "--fetchers", "2", site.URL + "/feed.xml"}

	cmd := tallyCmd(args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for ledgerStats(t, db).Documents < 8 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("ingest stored fewer than 8 documents in 60s; output:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	killed := ledgerStats(t, db)
	site.mu.Lock()
	fetchedBefore := 0
	for _, k := range site.hits {
		fetchedBefore += k
	}
	site.mu.Unlock()
	if killed.Documents < 8 || killed.Documents >= n {
		t.Fatalf("after the kill the ledger holds %d documents; want between 8 and %d", killed.Documents, n-1)
	}
	if killed.Figures != killed.Documents {
		t.Errorf("after the kill: %d documents but %d figures; each story has one", killed.Documents, killed.Figures)
	}

	cmd = tallyCmd(args...)
	res, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("second run: %v\n%s", err, res)
	}
	final := ledgerStats(t, db)
	if final.Documents != n || final.Figures != n {
		t.Errorf("after the second run: %d documents, %d figures; want %d of each\n%s", final.Documents, final.Figures, n, res)
	}
	// Stored stories are not fetched again: the second run fetches the
	// ones the first did not commit, each once (those in flight at the
	// kill, or in the batch not yet committed, a second time).
	site.mu.Lock()
	defer site.mu.Unlock()
	twice, fetched := 0, 0
	for path, k := range site.hits {
		fetched += k
		if k > 1 {
			twice++
		}
		if k > 2 {
			t.Errorf("%s fetched %d times", path, k)
		}
	}
	if again := fetched - fetchedBefore; again != n-killed.Documents {
		t.Errorf("the second run fetched %d stories; want the %d the first did not store", again, n-killed.Documents)
	}
	t.Logf("killed after %d of %d documents; %d fetched twice", killed.Documents, n, twice)
}
