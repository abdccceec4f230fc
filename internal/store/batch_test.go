package store

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/store/storetest"
)

// batchFixture is a run of documents that exercises everything Add
// decides from what is stored before: duplicates and near-duplicates of
// documents earlier in the same batch, sources and aliases first seen in
// it, a document refused for bad input and one under a taken id.
func batchFixture() []Entry {
	var es []Entry
	add := func(x fx, meta Meta) { es = append(es, Entry{Doc: x.doc, Figs: x.figs, Meta: meta}) }
	for _, x := range ledgerFixture() {
		add(x, Meta{Origin: "fixture"})
	}
	add(renamed(ledgerFixture()[1], "a2-again", "https://example.org/a2-again", ""), Meta{}) // the same text: a duplicate
	wire := func(id, toll string, extra ...string) fx {
		return article(id, "https://example.org/"+id, "2025-01-14", wireStory(toll, extra...)...).with(
			figSpec{toll, claim.Killed, "Ukraine", "regional officials", "regional officials", "2025-01-11", atof(toll), ""},
			figSpec{"At least 30", claim.Wounded, "Ukraine", "the regional governor", "the regional governor", "2025-01-11", 30, claim.Min})
	}
	add(wire("w1", "12"), Meta{AlsoURLs: []string{"https://feeds.example.org/w1"}})
	add(wire("w2", "12", "The toll may rise, officials said."), Meta{}) // a copy: its figures repeat w1's
	bad := ledgerFixture()[0]
	bad.doc.ID, bad.doc.Text = "bad", bad.doc.Text+"\xff"
	add(bad, Meta{})
	taken := article("a1", "", "", "A different text under a taken id.")
	add(taken, Meta{})
	add(wire("w3", "14", "Rescuers found two more bodies on Sunday."), Meta{})
	// a1's text with another date: a1's figures are replaced.
	add(renamed(ledgerFixture()[0], "a1-redated", "", "2024-12-24"), Meta{})
	add(wire("w4", "15", "Officials later revised the toll."), Meta{})
	add(article("a5", "https://feeds.example.org/w1", "", "Another text at a URL already known."), Meta{})
	return es
}

// renamed is x under another id and URL, with published when set.
func renamed(x fx, id, url, published string) fx {
	x.doc.ID, x.doc.URL = id, url
	if published != "" {
		x.doc.Published = published
	}
	figs := append([]claim.Figure(nil), x.figs...)
	for i := range figs {
		figs[i].Doc = id
	}
	x.figs = figs
	return x
}

// testAddBatch: AddBatch leaves the ledger Add leaves, and answers what
// Add answers, entry by entry, whether the run is one batch or several.
func testAddBatch(t *testing.T, newDSN func(t *testing.T) string) {
	es := batchFixture()
	oneByOne := newDSN(t)
	st := mustOpen(t, oneByOne)
	var want []Outcome
	for _, e := range es {
		res, err := st.Add(ctx, e.Doc, e.Figs, e.Meta)
		want = append(want, Outcome{Result: res, Err: err})
	}
	seen := map[string]bool{}
	for _, w := range want {
		seen[w.Status.String()] = true
		seen["error"] = seen["error"] || w.Err != nil
	}
	for _, s := range []string{"new", "duplicate", "near-duplicate", "updated", "error"} {
		if !seen[s] {
			t.Fatalf("the fixture gives no %s outcome: %+v", s, want)
		}
	}
	for _, split := range []int{len(es), 3} {
		t.Run(fmt.Sprintf("batches of %d", split), func(t *testing.T) {
			dsn := newDSN(t)
			bt := mustOpen(t, dsn)
			var got []Outcome
			for chunk := range slices.Chunk(es, split) {
				got = append(got, bt.AddBatch(ctx, chunk)...)
			}
			for i := range es {
				w, g := want[i], got[i]
				if w.Result != g.Result || (w.Err == nil) != (g.Err == nil) || w.Err != nil && w.Err.Error() != g.Err.Error() {
					t.Errorf("entry %d (%s): got %+v, Add gave %+v", i, es[i].Doc.ID, g, w)
				}
			}
			if a, b := storetest.Dump(t, oneByOne), storetest.Dump(t, dsn); !slices.Equal(a, b) {
				t.Errorf("ledgers differ:\n%s", storetest.Diff(a, b))
			}
		})
	}
}

// testDataVersion: the version stays while nothing commits, and moves with
// a commit by this store or by another one on the same ledger (another
// process, as a `tally ingest` beside a `tally serve`).
func testDataVersion(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	version := func() string {
		t.Helper()
		v, ok := st.DataVersion(ctx)
		if !ok {
			t.Fatal("DataVersion: not known")
		}
		return v
	}
	v0 := version()
	if _, err := st.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	// PostgreSQL's log moves with more than commits (hint bits, the
	// schema just made): there only a commit must move it.
	if v := version(); v != v0 && st.Backend() == "sqlite" {
		t.Errorf("a read moved the version: %s → %s", v0, v)
	}
	mustAdd(t, st, ledgerFixture()[0])
	v1 := version()
	if v1 == v0 {
		t.Errorf("an Add left the version at %s", v0)
	}
	other := mustOpen(t, dsn)
	mustAdd(t, other, ledgerFixture()[1])
	if v := version(); v == v1 {
		t.Errorf("another store's Add left the version at %s", v1)
	}
}
