package store

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestSQLite(t *testing.T) {
	testStore(t, func(t *testing.T) string { return filepath.Join(t.TempDir(), "tally.db") })
}

// Each of the three ways sqliteSearch runs a search gives the same rows.
func TestSQLiteSearchPlans(t *testing.T) {
	st := mustOpen(t, filepath.Join(t.TempDir(), "tally.db"))
	addFixture(t, st)
	defer func(f, p int) { searchFew, searchProbe = f, p }(searchFew, searchProbe)
	for _, plan := range []struct{ few, probe int }{{5000, 150}, {0, 1 << 30}, {0, 0}} {
		searchFew, searchProbe = plan.few, plan.probe
		for q, want := range map[string]string{"wounded": "3,000 | More than 1,000", "killed": "3,000 | At least 100 | More than 1,000",
			"Tbilisi": "12", "nothing": ""} {
			rows, err := st.Figures(ctx, Filter{Query: q, Limit: 10})
			if err != nil || numbers(rows) != want {
				t.Errorf("plan %+v, search %q: %q, %v; want %q", plan, q, numbers(rows), err, want)
			}
		}
		if rows, _ := st.Figures(ctx, Filter{Query: "killed", Limit: 2}); numbers(rows) != "3,000 | At least 100" {
			t.Errorf("plan %+v, limit 2: %q", plan, numbers(rows))
		}
	}
}

func TestSQLiteOpenErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("shopping list\n"), 0o644)
	for _, tc := range []struct {
		dsn, want string
	}{
		{text, "notes.txt: not a tally ledger (not a SQLite database)"},
		{dir, "is a folder; give the ledger a file name"},
		{filepath.Join(dir, "missing", "tally.db"), "folder " + filepath.Join(dir, "missing") + " does not exist"},
		{"", "no ledger path given"},
		{"a?b.db", "cannot contain '?'"},
	} {
		_, err := Open(ctx, tc.dsn)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%q) = %v, want %q", tc.dsn, err, tc.want)
		}
	}
	// A reading command does not create a ledger.
	missing := filepath.Join(dir, "none.db")
	if _, err := OpenExisting(ctx, missing); !errors.Is(err, ErrNoLedger) {
		t.Errorf("OpenExisting(missing) = %v, want ErrNoLedger", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("OpenExisting created the file")
	}
	// An empty file (another process is about to make it a ledger) is no
	// ledger yet for a reading command, and an empty database for Open.
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	if _, err := OpenExisting(ctx, empty); !errors.Is(err, ErrNoLedger) {
		t.Errorf("OpenExisting(empty file) = %v, want ErrNoLedger", err)
	}
	st, err := Open(ctx, empty)
	if err != nil {
		t.Fatalf("empty file: %v", err)
	}
	st.Close()
	if st, err = OpenExisting(ctx, empty); err != nil {
		t.Fatalf("empty file, made a ledger: %v", err)
	}
	st.Close()
}

// The pragmas the ledger relies on are set on its connections.
func TestSQLitePragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tally.db")
	st := mustOpen(t, path)
	db := st.(*sqlStore).db
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"} {
		var got string
		if err := db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", pragma, got, err, want)
		}
	}
}

func TestDSN(t *testing.T) {
	t.Setenv("TALLY_DB", "")
	if got := DSN(""); got != "tally.db" {
		t.Errorf("default %q", got)
	}
	t.Setenv("TALLY_DB", "/data/ledger.db")
	if got := DSN(""); got != "/data/ledger.db" {
		t.Errorf("from TALLY_DB: %q", got)
	}
	if got := DSN("x.db"); got != "x.db" {
		t.Errorf("flag first: %q", got)
	}
	if !IsPostgres("postgresql://h/db") || !IsPostgres("postgres://h/db") || IsPostgres("postgres.db") {
		t.Error("IsPostgres")
	}
}

// crashDocs is how many documents the killed writer would add.
const crashDocs = 300

// TestKillDuringAdd kills a process that is adding documents (kill -9, at
// whatever point it has reached) and checks that every document stored is
// whole, then that adding them all again stores each missing one once.
func TestKillDuringAdd(t *testing.T) {
	if path := os.Getenv("TALLY_STORE_CRASH_HELPER"); path != "" {
		crashHelper(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	path := filepath.Join(t.TempDir(), "tally.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringAdd$")
	cmd.Env = append(os.Environ(), "TALLY_STORE_CRASH_HELPER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	committed := 0
	for sc.Scan() {
		if n, err := strconv.Atoi(sc.Text()); err == nil {
			committed = n
		}
		if committed >= 60 {
			break
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if committed < 60 {
		t.Fatalf("the writer stopped after %d documents", committed)
	}

	st := mustOpen(t, path)
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents < committed || stats.Figures != 3*stats.Documents {
		t.Fatalf("after kill -9 at %d committed: %+v; want every document whole", committed, stats)
	}
	// Rows and counts agree: nothing half-written.
	db := st.(*sqlStore).db
	var figs, fts int
	db.QueryRow(`SELECT COUNT(*) FROM figures`).Scan(&figs)
	db.QueryRow(`SELECT COUNT(*) FROM figures_fts`).Scan(&fts)
	if figs != stats.Figures || fts != figs {
		t.Errorf("%d figure rows, %d indexed, %d counted", figs, fts, stats.Figures)
	}
	var bad sql.NullString
	db.QueryRow(`PRAGMA integrity_check`).Scan(&bad)
	if bad.String != "ok" {
		t.Errorf("integrity_check: %s", bad.String)
	}
	added := 0
	for i := range crashDocs {
		d, f := genDoc(i, 3)
		res, err := st.Add(ctx, d, f)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status == New {
			added++
		}
	}
	if added != crashDocs-stats.Documents {
		t.Errorf("re-run added %d, want %d", added, crashDocs-stats.Documents)
	}
	if s, _ := st.Stats(ctx); s.Documents != crashDocs || s.Figures != 3*crashDocs {
		t.Errorf("after the re-run: %+v", s)
	}
}

// crashHelper adds documents, printing the count after each commit, until
// it is killed.
func crashHelper(path string) {
	st, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for i := range crashDocs {
		d, f := genDoc(i, 3)
		if _, err := st.Add(ctx, d, f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(i + 1)
	}
	select {} // wait for the kill
}
