package ingest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/failpoint"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/store/storetest"
)

// The crash test runs an ingest in a child process (this test binary,
// TestCrashChild) and kills it with SIGKILL at a failpoint, then runs it
// again to the end: the ledger must be the one a single clean run makes,
// row for row.
const (
	childDB  = "TALLY_CRASH_CHILD_DB"
	childSrc = "TALLY_CRASH_CHILD_SRC"
	// crashBatch is small so that the input makes several batches.
	crashBatch = 5
)

// crashInputs writes a folder of 26 documents in several jobs: a JSONL
// file of 14 (with an exact duplicate and a near-duplicate of earlier
// lines), 8 HTML pages, a text file and a second JSONL file whose
// documents copy pages read before it.
func crashInputs(t *testing.T) string {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(7, 8))
	texts := make([]string, 24)
	for i := range texts {
		title, paras := story(rng, i)
		texts[i] = title + "\n\n" + strings.Join(paras, "\n\n")
	}
	jsonl := func(name string, lines []map[string]string) {
		var b strings.Builder
		for _, l := range lines {
			j, _ := json.Marshal(l)
			b.Write(append(j, '\n'))
		}
		write(t, dir, name, b.String())
	}
	var a []map[string]string
	for i := range 12 {
		a = append(a, map[string]string{"id": fmt.Sprintf("a%d", i), "published": "2025-01-27", "text": texts[i]})
	}
	a = append(a, map[string]string{"id": "a-dup", "text": texts[3]})
	a = append(a, map[string]string{"id": "a-copy", "published": "2025-01-28", "text": texts[5] + "\n\nThe toll is expected to rise, officials said."})
	jsonl("a.jsonl", a)
	os.Mkdir(filepath.Join(dir, "b"), 0o755)
	for i := 12; i < 20; i++ {
		title, body, _ := strings.Cut(texts[i], "\n\n")
		write(t, filepath.Join(dir, "b"), fmt.Sprintf("%02d.html", i), page(title, body))
	}
	write(t, dir, "c.txt", texts[20])
	jsonl("d.jsonl", []map[string]string{
		{"id": "d0", "text": texts[21]},
		{"id": "d1", "text": texts[14]}, // the text of an HTML page: a duplicate
		{"id": "d2", "text": texts[22] + "\n\nMore details were not immediately available."},
		{"id": "d3", "text": texts[22]},
	})
	return dir
}

// TestCrashChild is the child's side: an ingest of TALLY_CRASH_CHILD_SRC
// into TALLY_CRASH_CHILD_DB, as `tally ingest` runs it, in batches of
// crashBatch. It does nothing in an ordinary test run.
func TestCrashChild(t *testing.T) {
	dsn, src := os.Getenv(childDB), os.Getenv(childSrc)
	if dsn == "" {
		t.Skip("the crash test's child process")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts := ingest.Options{Gather: gather.Options{Workers: 2}, Workers: 2,
		Batch: ingest.Batch{Size: crashBatch, Interval: time.Hour}}
	sum := ingest.Run(ctx, st, []string{src}, opts, func(err error) { t.Error(err) })
	if err := store.Refresh(ctx, st); err != nil {
		t.Fatal(err)
	}
	t.Log(sum)
}

// runChild runs the child ingest with a failpoint ("" for none); killed
// reports whether it died of SIGKILL.
func runChild(t *testing.T, dsn, src, fp string) (killed bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), childDB+"="+dsn, childSrc+"="+src, failpoint.Env+"="+fp)
	out, err := cmd.CombinedOutput()
	if err == nil {
		return false
	}
	if ee, ok := err.(*exec.ExitError); ok && strings.Contains(ee.ProcessState.String(), "killed") {
		return true
	}
	t.Fatalf("child ingest (failpoint %q): %v\n%s", fp, err, out)
	return false
}

func TestCrashResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 13 ingests in child processes")
	}
	backends := []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "ledger.db") }},
		{"postgres", func(t *testing.T) string { return storetest.PGSchema(t) }},
	}
	src := crashInputs(t)
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			clean := be.dsn(t)
			if runChild(t, clean, src, "") {
				t.Fatal("the clean run was killed")
			}
			want := storetest.Dump(t, clean)
			docs, figs, copies := countRows(want, "documents:"), countRows(want, "figures:"), countRows(want, "documents: copy_of=a")
			if docs != 26 || figs < 20 || copies == 0 {
				t.Fatalf("the clean run stored %d documents (%d near-duplicates) and %d figures; want 26 with near-duplicates, 20 figures or more", docs, copies, figs)
			}
			// Points inside the first, a middle and the last batch: with
			// the batch filling (nothing of it written), inside its
			// transaction, and just after its commit.
			for _, fp := range []string{
				"ingest.batch-add:3", "ingest.batch-add:13", "ingest.batch-add:25",
				"store.batch-doc:1", "store.batch-doc:12", "store.batch-doc:24",
				"store.batch-commit:1", "store.batch-commit:3",
			} {
				t.Run(fp, func(t *testing.T) {
					dsn := be.dsn(t)
					if !runChild(t, dsn, src, fp) {
						t.Fatalf("the child was not killed at %s", fp)
					}
					if n := countRows(storetest.Dump(t, dsn), "documents:"); n >= docs {
						t.Fatalf("the killed run stored all %d documents; the failpoint is too late to test anything", n)
					}
					if runChild(t, dsn, src, "") {
						t.Fatal("the rerun was killed")
					}
					if got := storetest.Dump(t, dsn); !slices.Equal(got, want) {
						t.Errorf("the ledger after a kill at %s and a rerun differs from a clean run's:\n%s", fp, storetest.Diff(want, got))
					}
				})
			}
		})
	}
}

func countRows(dump []string, prefix string) int {
	n := 0
	for _, r := range dump {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}

// TestOrderedLikeSerial: many workers and the smallest window (batches of
// one, so that later jobs' items wait for the head job) store the ledger
// a single worker stores.
func TestOrderedLikeSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the crash test's documents twice")
	}
	src := crashInputs(t)
	ledger := func(workers int, b ingest.Batch) []string {
		dsn := filepath.Join(t.TempDir(), "ledger.db")
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		opts := ingest.Options{Gather: gather.Options{Workers: workers}, Workers: workers, Batch: b}
		done := make(chan ingest.Summary)
		go func() {
			done <- ingest.Run(context.Background(), st, []string{src}, opts, func(err error) { t.Error(err) })
		}()
		select {
		case sum := <-done:
			if sum.New == 0 {
				t.Fatalf("nothing stored: %s", sum)
			}
		case <-time.After(5 * time.Minute):
			t.Fatal("the ingest did not finish in 5 minutes: stalled?")
		}
		return storetest.Dump(t, dsn)
	}
	serial := ledger(1, ingest.Batch{Size: 500, Interval: time.Hour})
	if got := ledger(4, ingest.Batch{Size: 1, Interval: time.Hour}); !slices.Equal(got, serial) {
		t.Errorf("4 workers, batches of 1: the ledger differs from one worker's:\n%s", storetest.Diff(serial, got))
	}
}
