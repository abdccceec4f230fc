package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/claim"
)

// The suite every backend passes: sqlite_test.go and postgres_test.go run
// it with a function that makes a fresh, empty ledger and returns its DSN.

func testStore(t *testing.T, newDSN func(t *testing.T) string) {
	tests := []struct {
		name string
		run  func(t *testing.T, dsn string)
	}{
		{"AddAndDocument", testAddAndDocument},
		{"Duplicates", testDuplicates},
		{"IDTaken", testIDTaken},
		{"NearDuplicates", testNearDuplicates},
		{"NotEnglish", testNotEnglish},
		{"BadInput", testBadInput},
		{"Filters", testFilters},
		{"ReportsAndSeries", testReportsAndSeries},
		{"Summaries", testSummaries},
		{"Concurrency", testConcurrency},
		{"Reopen", testReopen},
		{"MigrateFromV1", testMigrateFromV1},
		{"NewerSchema", testNewerSchema},
		{"NotALedger", testNotALedger},
		{"OpenWhileCreating", testOpenWhileCreating},
		{"SeriesIDs", testSeriesIDs},
		{"Corrections", testCorrections},
		{"ForgetFirstCopy", testForgetFirstCopy},
		{"DataVersion", testDataVersion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, newDSN(t)) })
	}
	t.Run("ConcurrentOpens", func(t *testing.T) { testConcurrentOpens(t, newDSN) })
	t.Run("AddBatch", func(t *testing.T) { testAddBatch(t, newDSN) })
}

// testOpenWhileCreating: a reading command that opens the ledger while
// another process is creating it waits for the creation to commit, then
// sees the whole ledger — not an empty file, not a half-made one.
func testOpenWhileCreating(t *testing.T, dsn string) {
	db, d, where, err := connect(ctx, dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, _ := migrations(d.name)
	tx, err := lockSchema(ctx, db, d, where)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := applyMigrations(ctx, tx, d, where, ms, len(ms), true); err != nil {
		t.Fatal(err)
	}
	opened := make(chan error, 1)
	go func() {
		st, err := OpenExisting(ctx, dsn)
		if err == nil {
			_, err = st.Stats(ctx)
			st.Close()
		}
		opened <- err
	}()
	select {
	case err := <-opened:
		t.Fatalf("OpenExisting returned %v while the ledger was being created; want it to wait", err)
	case <-time.After(300 * time.Millisecond):
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-opened; err != nil {
		t.Errorf("OpenExisting after the creation committed: %v", err)
	}
}

// testConcurrentOpens opens a new ledger from many connections at once,
// as several commands started together do: ingests (Open) and readers
// (OpenExisting) racing the first ingest that creates it. Every Open must
// succeed, every OpenExisting must succeed or find no ledger yet, and
// the ledger must end whole at the latest version — never "not a tally
// ledger" from a file seen half made.
func testConcurrentOpens(t *testing.T, newDSN func(t *testing.T) string) {
	rounds := 30
	if testing.Short() {
		rounds = 5
	}
	for round := range rounds {
		dsn := newDSN(t)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make(chan error, 8)
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				open := Open
				if i%2 == 1 {
					open = OpenExisting
				}
				st, err := open(ctx, dsn)
				if err != nil {
					if i%2 == 1 && errors.Is(err, ErrNoLedger) {
						return
					}
					errs <- fmt.Errorf("round %d, opener %d: %w", round, i, err)
					return
				}
				defer st.Close()
				if _, err := st.Stats(ctx); err != nil {
					errs <- fmt.Errorf("round %d, opener %d: Stats: %w", round, i, err)
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		db, d, _, err := connect(ctx, dsn, false)
		if err != nil {
			t.Fatal(err)
		}
		ms, _ := migrations(d.name)
		v, err := schemaVersion(ctx, db)
		db.Close()
		if err != nil || v != len(ms) {
			t.Fatalf("round %d: schema version %d, %v; want %d", round, v, err, len(ms))
		}
	}
}

var ctx = context.Background()

func mustOpen(t *testing.T, dsn string) Store {
	t.Helper()
	st, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func mustAdd(t *testing.T, st Store, x fx, meta ...Meta) Result {
	t.Helper()
	res, err := st.Add(ctx, x.doc, x.figs, meta...)
	if err != nil {
		t.Fatalf("Add %s: %v", x.doc.ID, err)
	}
	return res
}

// fx is a test document with its figures.
type fx struct {
	doc  claim.Document
	figs []claim.Figure
}

// article makes a document of sentences, one a line.
func article(id, url, published string, sents ...string) fx {
	return fx{doc: claim.Document{ID: id, URL: url, Title: "About " + id, Publisher: "Wire",
		Published: published, Text: strings.Join(sents, "\n")}}
}

// fig adds a figure on the first occurrence of number after the previous
// figure, with its sentence the line it is on.
type figSpec struct {
	number, measure, counted, source, sourceText, date string
	value                                              float64
	qualifier                                          string
}

func (x fx) with(specs ...figSpec) fx {
	from := 0
	for _, s := range specs {
		i := strings.Index(x.doc.Text[from:], s.number)
		if i < 0 {
			panic("no " + s.number + " in " + x.doc.ID)
		}
		i += from
		from = i + len(s.number)
		ls := strings.LastIndexByte(x.doc.Text[:i], '\n') + 1
		le := strings.IndexByte(x.doc.Text[i:], '\n')
		if le < 0 {
			le = len(x.doc.Text)
		} else {
			le += i
		}
		v := s.value
		q := s.qualifier
		if q == "" {
			q = claim.Exact
		}
		f := claim.Figure{
			Doc: x.doc.ID, Sentence: x.doc.Text[ls:le], Span: [2]int{i, i + len(s.number)},
			NumberText: s.number, Value: &v, Qualifier: q, Measure: s.measure,
			Subject: "soldiers", Source: s.source, SourceText: s.sourceText, Cue: "said",
			SentenceSpan: [2]int{ls, le},
		}
		if q == claim.Exact {
			f.Low, f.High = &v, &v
		} else if q == claim.Min {
			f.Low = &v
		}
		if s.counted != "" {
			c := s.counted
			f.Counted = &c
		}
		if s.date != "" {
			d := s.date
			f.Date = &d
		}
		x.figs = append(x.figs, f)
	}
	return x
}

const (
	jcs  = "Joint Chiefs of Staff (South Korea)"
	nis  = "National Intelligence Service (South Korea)"
	zel  = "Volodymyr Zelensky"
	gmia = "Ministry of Internal Affairs (Georgia)"
)

// ledgerFixture is a small ledger that every filter can be checked on.
func ledgerFixture() []fx {
	return []fx{
		article("a1", "https://example.org/a1", "2024-12-23",
			"More than 1,000 North Korean soldiers have been killed or wounded, South Korea's Joint Chiefs of Staff said on Monday.",
			"At least 100 North Korean soldiers had been killed, the spy agency said.").with(
			figSpec{"More than 1,000", claim.Casualties, "North Korea", jcs, "South Korea's Joint Chiefs of Staff", "2024-12-23", 1000, claim.Min},
			figSpec{"At least 100", claim.Killed, "North Korea", nis, "the spy agency", "", 100, claim.Min}),
		article("a2", "https://example.org/a2", "2025-01-13",
			"Around 1,100 North Korean troops suffered casualties, the South Korean military said.",
			"Some 3,000 North Korean soldiers were killed or wounded, Zelensky said.").with(
			figSpec{"1,100", claim.Casualties, "North Korea", jcs, "the South Korean military", "2025-01-10", 1100, claim.Approx},
			figSpec{"3,000", claim.Casualties, "North Korea", zel, "Zelensky", "2025-01-13", 3000, claim.Approx}),
		article("a3", "", "",
			"Police arrested 12 protesters in Tbilisi, the ministry said.").with(
			figSpec{"12", claim.Arrested, "Georgia", gmia, "the ministry", "", 12, ""}),
		article("a4", "https://example.org/a4", "2025-02-01",
			"About 500 people fled their homes, the United Nations said.").with(
			figSpec{"500", claim.Displaced, "", "United Nations", "the United Nations", "2025-02-01", 500, claim.Approx}),
	}
}

func addFixture(t *testing.T, st Store) []fx {
	t.Helper()
	docs := ledgerFixture()
	for _, x := range docs {
		if res := mustAdd(t, st, x); res.Status != New || res.Figures != len(x.figs) {
			t.Fatalf("Add %s: %+v, want new with %d figures", x.doc.ID, res, len(x.figs))
		}
	}
	return docs
}

func numbers(rows []Row) string {
	var s []string
	for _, r := range rows {
		s = append(s, r.NumberText)
	}
	return strings.Join(s, " | ")
}

func testAddAndDocument(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	docs := addFixture(t, st)
	x := docs[0]
	d, rows, err := st.Document(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.Document, x.doc) {
		t.Errorf("document:\n got %+v\nwant %+v", d.Document, x.doc)
	}
	if d.Status != New || d.DuplicateOf != "" || d.ContentHash != contentHash(x.doc.Text) || d.IngestedAt.IsZero() {
		t.Errorf("metadata: %+v", d)
	}
	if len(rows) != len(x.figs) {
		t.Fatalf("%d rows, want %d", len(rows), len(x.figs))
	}
	for i, r := range rows {
		if !reflect.DeepEqual(r.Figure, x.figs[i]) {
			t.Errorf("figure %d:\n got %+v\nwant %+v", i, r.Figure, x.figs[i])
		}
		if got := d.Text[r.Span[0]:r.Span[1]]; got != r.NumberText {
			t.Errorf("span %v is %q, number_text %q", r.Span, got, r.NumberText)
		}
		if got := d.Text[r.SentenceSpan[0]:r.SentenceSpan[1]]; got != r.Sentence {
			t.Errorf("sentence_span %v is %q", r.SentenceSpan, got)
		}
		if r.Title != "About a1" || r.URL != "https://example.org/a1" || r.Published != "2024-12-23" {
			t.Errorf("row document fields: %+v", r)
		}
	}
	if rows[1].Day != "2024-12-23" || rows[1].Date != nil {
		t.Errorf("an undated figure is listed under its document's date: day %q date %v", rows[1].Day, rows[1].Date)
	}
	if _, _, err := st.Document(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing document: %v, want ErrNotFound", err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Documents: 4, Figures: 6, Sources: 5, Series: 4}
	if stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}

	if st.Backend() != "sqlite" && st.Backend() != "postgres" {
		t.Errorf("backend %q", st.Backend())
	}
}

func testDuplicates(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	addFixture(t, st)
	a1 := ledgerFixture()[0]
	check := func(name string, x fx, of string, meta ...Meta) {
		t.Helper()
		res, err := st.Add(ctx, x.doc, x.figs, meta...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.Status != Duplicate || res.Of != of || res.Figures != 0 {
			t.Errorf("%s: %+v, want duplicate of %s", name, res, of)
		}
	}
	check("same document", a1, "a1")

	x := a1
	x.doc.ID, x.doc.Text, x.figs = "a1-again", "Another text entirely, from the same page.", nil
	x.doc.URL = "http://EXAMPLE.org/a1/?utm_source=rss&utm_medium=feed#comments"
	check("same URL, tracking and all", x, "a1")

	x = a1
	x.doc.ID, x.doc.URL, x.figs = "a1-copy", "", nil
	x.doc.Text = "  " + strings.ToUpper(strings.ReplaceAll(a1.doc.Text, " ", "   \n")) + "\n"
	check("same text, other spacing and case", x, "a1")

	x = article("mirror", "https://mirror.example.net/x", "", "Mirrored text of a1, reworded whole.")
	check("canonical URL of a stored one", x, "a1", Meta{CanonicalURL: "https://example.org/a1"})

	// A stored document's canonical URL finds it too.
	y := article("b1", "https://example.org/b1?id=7", "", "A page that names its canonical URL.")
	if res := mustAdd(t, st, y, Meta{CanonicalURL: "https://example.org/stories/b1", Origin: "feed"}); res.Status != New {
		t.Fatalf("b1: %+v", res)
	}
	z := article("b1-syndicated", "https://example.org/stories/b1", "", "The same story elsewhere.")
	check("URL that a stored page named canonical", z, "b1")

	for u, want := range map[string]bool{
		"https://example.org/a1?utm_campaign=x": true,
		"https://example.org/stories/b1/":       true,
		"https://example.org/b1?id=7":           true,
		"https://example.org/b1?id=8":           false,
		"https://example.org/zzz":               false,
		"":                                      false,
	} {
		if got, err := st.HasURL(ctx, u); err != nil || got != want {
			t.Errorf("HasURL(%q) = %v, %v; want %v", u, got, err, want)
		}
	}
	d, _, err := st.Document(ctx, "b1")
	if err != nil || d.CanonicalURL != "https://example.org/stories/b1" || d.Origin != "feed" {
		t.Errorf("b1 metadata: %+v, %v", d.Meta, err)
	}
	stats, _ := st.Stats(ctx)
	if stats.Documents != 5 || stats.Figures != 6 {
		t.Errorf("stats %+v: duplicates were stored", stats)
	}
}

func testIDTaken(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	addFixture(t, st)
	x := article("a1", "", "", "A different text under a taken id.")
	_, err := st.Add(ctx, x.doc, nil)
	if !errors.Is(err, ErrIDTaken) || !strings.Contains(err.Error(), "a1") {
		t.Errorf("got %v, want ErrIDTaken naming a1", err)
	}
}

// wireStory is long enough for its SimHash to mean something.
func wireStory(toll string, extra ...string) []string {
	return append([]string{
		"KYIV, Ukraine (AP) — A Russian missile strike on an apartment block in the eastern city of Dnipro killed " + toll + " people on Saturday, regional officials said, as rescuers searched the rubble through the night.",
		"At least 30 others were wounded in the attack, which tore through the middle floors of the nine-storey building shortly after midday, the regional governor said in a statement on the Telegram messaging app.",
		"Emergency crews using cranes and sniffer dogs pulled survivors from the debris while neighbours gathered in the cold, some holding photographs of relatives who had not been heard from since the blast.",
		"The strike was part of a wider barrage that also hit energy infrastructure in several regions, forcing power cuts in the capital and in the south of the country as temperatures fell below freezing.",
		"Ukraine's air force said it had shot down most of the drones launched overnight but that several missiles had evaded air defences, and it renewed its appeal to Western allies for more systems.",
	}, extra...)
}

func testNearDuplicates(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	mk := func(id, url, toll string, extra ...string) fx {
		return article(id, url, "2025-01-14", wireStory(toll, extra...)...).with(
			figSpec{toll, claim.Killed, "Ukraine", "regional officials", "regional officials", "2025-01-11", atof(toll), ""},
			figSpec{"At least 30", claim.Wounded, "Ukraine", "the regional governor", "the regional governor", "2025-01-11", 30, claim.Min})
	}
	first := mk("ap", "https://apnews.example/strike", "12")
	if res := mustAdd(t, st, first); res.Status != New {
		t.Fatalf("first copy: %+v", res)
	}
	// A syndicated copy whose toll was updated: the new toll counts, the
	// unchanged wounded figure is a repeat.
	update := mk("local", "https://local.example/strike", "14", "Copyright 2025 The Associated Press. All rights reserved.")
	res := mustAdd(t, st, update)
	if res.Status != NearDuplicate || res.Of != "ap" || res.Figures != 1 || res.Repeats != 1 {
		t.Errorf("updated copy: %+v, want near-duplicate of ap with 1 figure and 1 repeat", res)
	}
	// A copy of the copy links to the first copy, and repeats the update.
	again := mk("other", "https://other.example/strike", "14", "Copyright 2025 The Associated Press. All rights reserved.", "Read more.")
	res = mustAdd(t, st, again)
	if res.Status != NearDuplicate || res.Of != "ap" || res.Figures != 0 || res.Repeats != 2 {
		t.Errorf("copy of the copy: %+v, want near-duplicate of ap, 2 repeats", res)
	}
	// A different story is not a copy.
	other := mk("afp", "https://afp.example/other", "9")
	other.doc.Text = strings.ReplaceAll(other.doc.Text, "Dnipro", "Kharkiv with another long list of different words here")
	other.doc.Text = strings.ReplaceAll(other.doc.Text, "the", "a")
	other.figs = nil
	if res := mustAdd(t, st, other); res.Status != New {
		t.Errorf("other story: %+v", res)
	}

	rows, err := st.Reports(ctx, "ukraine/killed")
	if err != nil || numbers(rows) != "12 | 14" {
		t.Errorf("reports: %q, %v; want 12 | 14", numbers(rows), err)
	}
	if rows, _ := st.Figures(ctx, Filter{}); len(rows) != 3 {
		t.Errorf("figures without repeats: %q", numbers(rows))
	}
	rows, _ = st.Figures(ctx, Filter{Repeats: true})
	repeats := 0
	for _, r := range rows {
		if r.Repeat {
			repeats++
		}
	}
	if rows[0].ID == rows[1].ID || rows[0].ID == 0 {
		t.Errorf("figure ids %d, %d", rows[0].ID, rows[1].ID)
	}
	if len(rows) != 6 || repeats != 3 {
		t.Errorf("figures with repeats: %d rows, %d repeats", len(rows), repeats)
	}
	d, drows, err := st.Document(ctx, "other")
	if err != nil || d.DuplicateOf != "ap" || d.Status != NearDuplicate || len(drows) != 2 || !drows[0].Repeat || !drows[0].NearDuplicate {
		t.Errorf("stored copy: %+v %v %v", d.DuplicateOf, drows, err)
	}
	stats, _ := st.Stats(ctx)
	if stats.Documents != 4 || stats.NearDuplicates != 2 || stats.Figures != 3 || stats.Repeats != 3 {
		t.Errorf("stats %+v", stats)
	}
	si, _ := st.Series(ctx)
	for _, s := range si {
		if s.Key == "Ukraine/wounded" && (s.Figures != 1 || s.Sources != 1) {
			t.Errorf("repeats counted in the series: %+v", s)
		}
	}
}

func atof(s string) float64 {
	var v float64
	for _, c := range s {
		v = v*10 + float64(c-'0')
	}
	return v
}

func testNotEnglish(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	ru := article("ru1", "https://example.ru/1", "2025-01-01", "По меньшей мере 100 человек погибли, сообщили власти.").with(
		figSpec{"100", claim.Killed, "Russia", "authorities", "власти", "", 100, ""})
	ru.doc.Language = "ru"
	res := mustAdd(t, st, ru)
	if res.Status != NotEnglish || res.Figures != 0 {
		t.Errorf("Russian document: %+v", res)
	}
	d, rows, err := st.Document(ctx, "ru1")
	if err != nil || len(rows) != 0 || d.Language != "ru" || d.Text != ru.doc.Text || d.Status != NotEnglish {
		t.Errorf("stored Russian document: %+v, %d rows, %v", d, len(rows), err)
	}
	gb := ledgerFixture()[0]
	gb.doc.Language = "en-GB"
	if res := mustAdd(t, st, gb); res.Status != New || res.Figures != 2 {
		t.Errorf("en-GB document: %+v", res)
	}
	stats, _ := st.Stats(ctx)
	if stats.Documents != 2 || stats.NotEnglish != 1 || stats.Figures != 2 {
		t.Errorf("stats %+v", stats)
	}
}

func testBadInput(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	good := ledgerFixture()[0]
	bad := map[string]func(x *fx){
		"no id":           func(x *fx) { x.doc.ID = " " },
		"invalid UTF-8":   func(x *fx) { x.doc.Text += "\xff" },
		"NUL byte":        func(x *fx) { x.doc.Title = "a\x00b" },
		"bad published":   func(x *fx) { x.doc.Published = "23 Dec 2024" },
		"span past end":   func(x *fx) { x.figs[1].Span = [2]int{5, 5000} },
		"negative span":   func(x *fx) { x.figs[0].SentenceSpan = [2]int{-1, 3} },
		"NaN value":       func(x *fx) { nan := math.NaN(); x.figs[0].Value = &nan },
		"bad figure date": func(x *fx) { d := "Monday"; x.figs[0].Date = &d },
		"other document":  func(x *fx) { x.figs[0].Doc = "a2" },
		"no measure":      func(x *fx) { x.figs[0].Measure = "" },
	}
	for name, spoil := range bad {
		x := good
		x.figs = append([]claim.Figure(nil), good.figs...)
		spoil(&x)
		if _, err := st.Add(ctx, x.doc, x.figs); err == nil {
			t.Errorf("%s: stored", name)
		}
	}
	stats, _ := st.Stats(ctx)
	if stats.Documents != 0 {
		t.Errorf("bad input was stored: %+v", stats)
	}
	// Figures need not name their document: Add fills it in.
	x := good
	x.figs = append([]claim.Figure(nil), good.figs...)
	x.figs[0].Doc = ""
	mustAdd(t, st, x)
	if _, rows, _ := st.Document(ctx, "a1"); len(rows) != 2 || rows[0].Doc != "a1" {
		t.Errorf("rows: %+v", rows)
	}
}

func testFilters(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	addFixture(t, st)
	for _, tc := range []struct {
		name string
		f    Filter
		want string
	}{
		{"all, newest first", Filter{}, "500 | 3,000 | 1,100 | At least 100 | More than 1,000 | 12"},
		{"limit", Filter{Limit: 2}, "500 | 3,000"},
		{"measure", Filter{Measure: "casualties"}, "3,000 | 1,100 | More than 1,000"},
		{"measure, any case", Filter{Measure: "Killed"}, "At least 100"},
		{"counted", Filter{Counted: "north korea"}, "3,000 | 1,100 | At least 100 | More than 1,000"},
		{"measure and counted", Filter{Measure: "killed", Counted: "North Korea"}, "At least 100"},
		{"no one counted", Filter{Counted: "unknown"}, "500"},
		{"canonical source", Filter{Source: "joint chiefs of staff (south korea)"}, "1,100 | More than 1,000"},
		{"source alias", Filter{Source: "The South Korean military"}, "1,100 | More than 1,000"},
		{"alias seen once names all", Filter{Source: "the spy agency"}, "At least 100"},
		{"alias without its article", Filter{Source: "South Korean  military"}, "1,100 | More than 1,000"},
		{"unknown source", Filter{Source: "Reuters"}, ""},
		{"alias from the shipped table, never seen in text", Filter{Source: "JCS"}, "1,100 | More than 1,000"},
		{"since", Filter{Since: "2025-01-01"}, "500 | 3,000 | 1,100"},
		{"until: undated left out", Filter{Until: "2024-12-31"}, "At least 100 | More than 1,000"},
		{"one day, by publication date too", Filter{Since: "2024-12-23", Until: "2024-12-23"}, "At least 100 | More than 1,000"},
		{"figure date, not publication date", Filter{Since: "2025-01-10", Until: "2025-01-10"}, "1,100"},
		{"series", Filter{Series: "North Korea/casualties"}, "3,000 | 1,100 | More than 1,000"},
		{"series, no counted", Filter{Series: "unknown/displaced"}, "500"},
		{"search", Filter{Query: "wounded"}, "3,000 | More than 1,000"},
		{"search by stem", Filter{Query: "wound"}, "3,000 | More than 1,000"},
		{"search, all words", Filter{Query: "killed Zelensky"}, "3,000"},
		{"search, punctuation ignored", Filter{Query: `fled* "homes" ^(-`}, "500"},
		{"search and measure", Filter{Query: "killed", Measure: "killed"}, "At least 100"},
		{"everything", Filter{Measure: "casualties", Counted: "North Korea", Source: "Zelensky", Since: "2025-01-01", Until: "2025-12-31", Query: "soldiers", Limit: 5}, "3,000"},
	} {
		rows, err := st.Figures(ctx, tc.f)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := numbers(rows); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	for _, f := range []Filter{{Since: "yesterday"}, {Until: "2025-13-01"}, {Query: "!!! ..."}, {Limit: -1}} {
		if _, err := st.Figures(ctx, f); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%+v: %v, want ErrBadFilter", f, err)
		}
	}
}

func testReportsAndSeries(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	addFixture(t, st)
	rows, err := st.Reports(ctx, "NORTH KOREA/casualties")
	if err != nil || numbers(rows) != "More than 1,000 | 1,100 | 3,000" {
		t.Errorf("reports: %q %v", numbers(rows), err)
	}
	if rows, _ := st.Reports(ctx, "nowhere/killed"); len(rows) != 0 {
		t.Errorf("reports of no series: %v", rows)
	}
	si, err := st.Series(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []SeriesInfo{
		{"Georgia/arrested", "Georgia", "arrested", 1, 1, "", ""},
		{"North Korea/casualties", "North Korea", "casualties", 3, 2, "2024-12-23", "2025-01-13"},
		{"North Korea/killed", "North Korea", "killed", 1, 1, "2024-12-23", "2024-12-23"},
		{"unknown/displaced", "unknown", "displaced", 1, 1, "2025-02-01", "2025-02-01"},
	}
	if !reflect.DeepEqual(si, want) {
		t.Errorf("series:\n got %+v\nwant %+v", si, want)
	}
	// Another report updates the counts.
	x := article("a5", "", "2025-03-01", "Seoul's spy agency said 300 North Korean soldiers had died.").with(
		figSpec{"300", claim.Killed, "North Korea", nis, "Seoul's spy agency", "2025-03-01", 300, ""})
	mustAdd(t, st, x)
	si, _ = st.Series(ctx)
	if si[2].Figures != 2 || si[2].Sources != 1 || si[2].FirstDay != "2024-12-23" || si[2].LastDay != "2025-03-01" {
		t.Errorf("after another report: %+v", si[2])
	}
}

func testConcurrency(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	const docs, workers = 40, 6
	var mu sync.Mutex
	count := map[Status]int{}
	var wg sync.WaitGroup
	errs := make(chan error, workers*docs)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			order := rand.New(rand.NewPCG(uint64(w), 1)).Perm(docs)
			for _, i := range order {
				d, figs := genDoc(i, 3)
				// Few sources, so writers race for the same rows.
				for k := range figs {
					figs[k].Source = []string{"Alpha", "Beta", "Gamma"}[k]
				}
				res, err := st.Add(ctx, d, figs)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				count[res.Status]++
				mu.Unlock()
				if _, err := st.Figures(ctx, Filter{Limit: 5}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if count[New] != docs || count[Duplicate] != docs*(workers-1) {
		t.Errorf("statuses %v: want %d new, %d duplicate", count, docs, docs*(workers-1))
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != docs || stats.Figures != 3*docs || stats.Sources != 3 {
		t.Errorf("stats %+v", stats)
	}
	rows, _ := st.Figures(ctx, Filter{})
	if len(rows) != 3*docs {
		t.Errorf("%d figures listed, want %d", len(rows), 3*docs)
	}
	si, _ := st.Series(ctx)
	n := 0
	for _, s := range si {
		n += s.Figures
	}
	if n != 3*docs {
		t.Errorf("series count %d figures, want %d", n, 3*docs)
	}
}

func testReopen(t *testing.T, dsn string) {
	st, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	addFixture(t, st)
	st.Close()
	st = mustOpen(t, dsn)
	if res := mustAdd(t, st, ledgerFixture()[1]); res.Status != Duplicate {
		t.Errorf("after reopening: %+v", res)
	}
	if stats, _ := st.Stats(ctx); stats.Documents != 4 || stats.Figures != 6 {
		t.Errorf("after reopening: %+v", stats)
	}
}

// testMigrateFromV1 stores a document the way schema version 1 did, then
// opens the ledger with the current code: search and series counts, added
// in version 2, must cover the old figures.
func testMigrateFromV1(t *testing.T, dsn string) {
	db, d, where, err := connect(ctx, dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, d, where, 1, true); err != nil {
		t.Fatal(err)
	}
	x := ledgerFixture()[0]
	var pk, src int64
	if err := db.QueryRowContext(ctx, d.rebind(`INSERT INTO documents(id, url, title, published, text, content_hash, status, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, 'new', '2025-01-01T00:00:00Z') RETURNING pk`),
		x.doc.ID, x.doc.URL, x.doc.Title, x.doc.Published, x.doc.Text, contentHash(x.doc.Text)).Scan(&pk); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, d.rebind(`INSERT INTO sources(name, key) VALUES (?, ?) RETURNING id`), jcs, key(jcs)).Scan(&src); err != nil {
		t.Fatal(err)
	}
	f := x.figs[0]
	// The columns of version 1: the scope came with version 4.
	v1Columns := strings.TrimSuffix(figureColumns, ", scope")
	if _, err := db.ExecContext(ctx, d.rebind(`INSERT INTO figures(`+v1Columns+`) VALUES (`+placeholders(nFigureColumns-1)+`)`),
		pk, 0, f.Sentence, f.Span[0], f.Span[1], f.SentenceSpan[0], f.SentenceSpan[1], f.NumberText,
		*f.Value, *f.Low, nil, f.Qualifier, f.Measure, f.Subject, *f.Counted, nil, f.Source, src,
		f.SourceText, f.Cue, nil, *f.Date, false, "North Korea/casualties", "north korea/casualties",
		"north korea", "2024-12-23", false); err != nil {
		t.Fatal(err)
	}
	db.Close()

	st := mustOpen(t, dsn)
	if rows, err := st.Figures(ctx, Filter{Query: "wounded"}); err != nil || numbers(rows) != "More than 1,000" {
		t.Errorf("search over a migrated figure: %q %v", numbers(rows), err)
	}
	si, err := st.Series(ctx)
	want := []SeriesInfo{{"North Korea/casualties", "North Korea", "casualties", 1, 1, "2024-12-23", "2024-12-23"}}
	if err != nil || !reflect.DeepEqual(si, want) {
		t.Errorf("series after migration: %+v %v", si, err)
	}
	if res := mustAdd(t, st, ledgerFixture()[1]); res.Status != New {
		t.Errorf("add after migration: %+v", res)
	}
	if res := mustAdd(t, st, x); res.Status != Duplicate {
		t.Errorf("the migrated document again: %+v", res)
	}
	if stats, _ := st.Stats(ctx); stats.Figures != 3 || stats.Series != 1 {
		t.Errorf("stats after migration: %+v", stats)
	}
	ms, _ := migrations(d.name)
	db2, _, _, _ := connect(ctx, dsn, false)
	defer db2.Close()
	if v, err := schemaVersion(ctx, db2); err != nil || v != len(ms) {
		t.Errorf("schema version %d, %v; want the latest, %d", v, err, len(ms))
	}
}

func testNewerSchema(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	st.Close()
	db, d, _, err := connect(ctx, dsn, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, d.rebind(`INSERT INTO schema_version(version, applied_at) VALUES (?, 'later')`), 99); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(ctx, dsn)
	if err == nil || !strings.Contains(err.Error(), "newer than this tally knows") {
		t.Errorf("got %v, want a newer-schema error", err)
	}
}

func testNotALedger(t *testing.T, dsn string) {
	db, _, _, err := connect(ctx, dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE accounts (name TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(ctx, dsn)
	if err == nil || !strings.Contains(err.Error(), "not a tally ledger") {
		t.Errorf("got %v, want not a tally ledger", err)
	}
}

// testSummaries: Refresh summarises every series once; a new figure makes
// its series stale again, and only it.
func testSummaries(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	addFixture(t, st)
	if stale, err := st.StaleSeries(ctx); err != nil || len(stale) != 4 {
		t.Fatalf("before Refresh: %d stale series, %v; want 4", len(stale), err)
	}
	if err := Refresh(ctx, st); err != nil {
		t.Fatal(err)
	}
	if stale, err := st.StaleSeries(ctx); err != nil || len(stale) != 0 {
		t.Fatalf("after Refresh: stale %v, %v", stale, err)
	}
	sums, err := st.Summaries(ctx, SummaryFilter{Counted: "north korea", Measure: "CASUALTIES"})
	if err != nil || len(sums) != 1 {
		t.Fatalf("summaries: %+v, %v", sums, err)
	}
	m := sums[0]
	if m.Key != "North Korea/casualties" || m.Claims != 3 || m.Sources != 2 || m.Consensus == "" || m.ConsensusLow == nil || m.Latest == "" {
		t.Errorf("North Korea/casualties summary: %+v", m)
	}
	all, _ := st.Summaries(ctx, SummaryFilter{})
	if len(all) != 4 || all[0].Key != "North Korea/casualties" {
		t.Errorf("all summaries, largest first: %+v", all)
	}
	x := article("a5", "", "2025-03-01", "Seoul's spy agency said 300 North Korean soldiers had died.").with(
		figSpec{"300", claim.Killed, "North Korea", nis, "Seoul's spy agency", "2025-03-01", 300, ""})
	mustAdd(t, st, x)
	stale, err := st.StaleSeries(ctx)
	if err != nil || len(stale) != 1 || stale[0].Key != "North Korea/killed" || stale[0].Figures != 2 {
		t.Fatalf("after another report: stale %+v, %v", stale, err)
	}
	if err := Refresh(ctx, st); err != nil {
		t.Fatal(err)
	}
	if sums, _ := st.Summaries(ctx, SummaryFilter{Measure: "killed"}); len(sums) != 1 || sums[0].Claims != 2 {
		t.Errorf("killed after refresh: %+v", sums)
	}
}

// testSeriesIDs: after a refresh every figure names the series it is in —
// the running total or an incident — and that name finds it again, in
// any case; the scope extraction set is kept.
func testSeriesIDs(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	bomb := article("b1", "https://example.org/b1", "2024-10-01",
		"A car bomb exploded near a police patrol on Thursday, killing 17 people, police said.",
		"Around 100,000 Iraqis have been killed since the invasion, a study said.").with(
		figSpec{"17", claim.Killed, "Iraq", "police", "police", "", 17, ""},
		figSpec{"Around 100,000", claim.Killed, "Iraq", "study", "a study", "", 100000, claim.Approx})
	bomb.figs[1].Scope = claim.ScopeCumulative
	mustAdd(t, st, bomb)
	if err := Refresh(ctx, st); err != nil {
		t.Fatal(err)
	}
	rows, err := st.Figures(ctx, Filter{Counted: "Iraq"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r.NumberText] = r.Series + " " + r.Scope
	}
	want := map[string]string{"17": "Iraq/killed#bombing-2024-10-01 ", "Around 100,000": "Iraq/killed cumulative"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("series ids %v, want %v", got, want)
	}
	for id, num := range map[string]string{"iraq/KILLED#Bombing-2024-10-01": "17", "Iraq/killed": "Around 100,000"} {
		rows, err := st.Figures(ctx, Filter{Series: id})
		if err != nil || numbers(rows) != num {
			t.Errorf("Filter{Series: %q} = %q %v, want %q", id, numbers(rows), err, num)
		}
	}
	sums, err := st.Summaries(ctx, SummaryFilter{Counted: "Iraq"})
	if err != nil || len(sums) != 2 {
		t.Fatalf("summaries %+v %v", sums, err)
	}
	kinds := map[string]string{}
	for _, m := range sums {
		kinds[m.Key] = m.Kind + "/" + m.Label
	}
	if kinds["Iraq/killed#bombing-2024-10-01"] != "incident/bombing" || kinds["Iraq/killed"] != "total/" {
		t.Errorf("kinds %v", kinds)
	}
	// Stats counts the series as tally series lists them: two, not the
	// one counted/measure they divide.
	if stats, _ := st.Stats(ctx); stats.Series != 2 {
		t.Errorf("stats count %d series, want 2", stats.Series)
	}
	if _, err := st.Figures(ctx, Filter{Series: "Iraq"}); !errors.Is(err, ErrBadFilter) {
		t.Errorf("a series without a measure: %v", err)
	}
}

// testCorrections: documents are listed; a re-ingest of the same text
// with a publication date updates the document and its figures; Replace
// swaps a document's figures; Forget deletes one with its figures; and
// the series counts, searches and summaries follow every change.
func testCorrections(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	docs := addFixture(t, st)
	infos, err := st.Documents(ctx, DocFilter{})
	if err != nil || len(infos) != 4 || infos[0].ID != "a1" || infos[0].Figures != 2 || infos[0].Status != "new" || infos[2].Published != "" {
		t.Fatalf("documents %+v %v", infos, err)
	}
	if infos, _ := st.Documents(ctx, DocFilter{Search: "A4"}); len(infos) != 1 || infos[0].ID != "a4" {
		t.Errorf("search a4: %+v", infos)
	}
	if infos, _ := st.Documents(ctx, DocFilter{Search: "%"}); len(infos) != 0 {
		t.Errorf("a %% is a character, not a pattern: %+v", infos)
	}
	if err := Refresh(ctx, st); err != nil {
		t.Fatal(err)
	}

	// a3 was stored with no date; the same text again with one updates it.
	a3 := docs[2]
	a3.doc.Published = "2025-03-01"
	res := mustAdd(t, st, a3)
	if res.Status != Updated || res.Of != "a3" || res.Figures != 1 {
		t.Errorf("re-ingest with a date: %+v", res)
	}
	if d, rows, _ := st.Document(ctx, "a3"); d.Published != "2025-03-01" || len(rows) != 1 || rows[0].Day != "2025-03-01" {
		t.Errorf("updated a3: published %q, rows %+v", d.Published, rows)
	}
	if res := mustAdd(t, st, a3); res.Status != Duplicate {
		t.Errorf("the same again: %+v", res)
	}
	if si, _ := st.Series(ctx); !hasSeries(si, "Georgia/arrested", 1, "2025-03-01") {
		t.Errorf("series after the update: %+v", si)
	}

	// Replace a1's two figures with one.
	a1 := docs[0]
	a1.figs = a1.figs[:1]
	if res, err := st.Replace(ctx, a1.doc, a1.figs); err != nil || res.Status != Updated || res.Figures != 1 {
		t.Errorf("Replace: %+v %v", res, err)
	}
	if rows, _ := st.Figures(ctx, Filter{Query: "spy agency"}); len(rows) != 0 {
		t.Errorf("the replaced figure is still found by search: %q", numbers(rows))
	}
	if si, _ := st.Series(ctx); hasSeries(si, "North Korea/killed", -1, "") {
		t.Errorf("a series with no figure left stays: %+v", si)
	}
	if _, err := st.Replace(ctx, claim.Document{ID: "nope", Text: "x"}, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("Replace of a missing document: %v", err)
	}

	// Forget a2: its figures, its URL, its search entries go.
	if f, err := st.Forget(ctx, "a2"); err != nil || f.Figures != 2 {
		t.Errorf("Forget: %+v %v", f, err)
	}
	if _, _, err := st.Document(ctx, "a2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a2 after Forget: %v", err)
	}
	if ok, _ := st.HasURL(ctx, "https://example.org/a2"); ok {
		t.Error("a2's URL is still known")
	}
	if rows, _ := st.Figures(ctx, Filter{Query: "Zelensky"}); len(rows) != 0 {
		t.Errorf("a2's figures still found: %q", numbers(rows))
	}
	if si, _ := st.Series(ctx); !hasSeries(si, "North Korea/casualties", 1, "2024-12-23") {
		t.Errorf("series after Forget: %+v", si)
	}
	if _, err := st.Forget(ctx, "a2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Forget twice: %v", err)
	}
	// The summaries of the touched series are recomputed.
	if err := Refresh(ctx, st); err != nil {
		t.Fatal(err)
	}
	sums, _ := st.Summaries(ctx, SummaryFilter{Counted: "North Korea"})
	if len(sums) != 1 || sums[0].Key != "North Korea/casualties" || sums[0].Claims != 1 {
		t.Errorf("summaries after the corrections: %+v", sums)
	}
	// a2 can be stored again.
	if res := mustAdd(t, st, docs[1]); res.Status != New {
		t.Errorf("a2 again: %+v", res)
	}
}

// hasSeries reports whether a series is listed with n figures (any, for
// n < 0) and first day first ("" for any).
func hasSeries(si []SeriesInfo, key string, n int, first string) bool {
	for _, s := range si {
		if s.Key == key {
			return (n < 0 || s.Figures == n) && (first == "" || s.FirstDay == first)
		}
	}
	return false
}

// testForgetFirstCopy: forgetting the first copy of a syndicated story
// makes its earliest copy the first copy, whose figures then count.
func testForgetFirstCopy(t *testing.T, dsn string) {
	st := mustOpen(t, dsn)
	mk := func(id, url string, extra ...string) fx {
		return article(id, url, "2025-01-14", wireStory("12", extra...)...).with(
			figSpec{"12", claim.Killed, "Ukraine", "regional officials", "regional officials", "2025-01-11", 12, ""})
	}
	mustAdd(t, st, mk("ap", "https://apnews.example/strike"))
	if res := mustAdd(t, st, mk("local", "https://local.example/strike", "Copyright 2025 The Associated Press.")); res.Status != NearDuplicate || res.Repeats != 1 {
		t.Fatalf("copy: %+v", res)
	}
	f, err := st.Forget(ctx, "ap")
	if err != nil || f.Promoted != "local" {
		t.Fatalf("Forget: %+v %v", f, err)
	}
	d, rows, _ := st.Document(ctx, "local")
	if d.Status != New || d.DuplicateOf != "" || len(rows) != 1 || rows[0].Repeat {
		t.Errorf("promoted copy: %+v %+v", d.Status, rows)
	}
	if si, _ := st.Series(ctx); !hasSeries(si, "Ukraine/killed", 1, "") {
		t.Errorf("series: %+v", si)
	}
}
