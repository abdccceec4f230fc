package series

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

func TestParseKey(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Key
		err  bool
	}{
		{"North Korea/casualties", Key{"North Korea", "casualties", "", ""}, false},
		{" North Korea / Casualties ", Key{"North Korea", "casualties", "", ""}, false},
		{"Palestinians/killed/West Bank", Key{"Palestinians", "killed", "West Bank", ""}, false},
		{"Israel/Gaza/killed", Key{"Israel/Gaza", "killed", "", ""}, false},
		{"unknown/arrested", Key{"unknown", "arrested", "", ""}, false},
		{"North Korea", Key{}, true},
		{"North Korea/soldiers", Key{}, true},
		{"/killed", Key{}, true},
		{"", Key{}, true},
	} {
		got, err := ParseKey(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseKey(%q) = %+v, %v", tc.in, got, err)
		}
		if err == nil {
			back, _ := ParseKey(got.String())
			if back != got {
				t.Errorf("String/ParseKey round trip of %+v gives %+v", got, back)
			}
		}
	}
	if !(Key{"North Korea", "casualties", "", ""}).Match(Key{"north  korea", "casualties", "", ""}) {
		t.Error("Match ignores case and spacing")
	}
}

func TestBuildSeries(t *testing.T) {
	rs := []Report{
		wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
		withLocation(wire(2, "b", "2024-12-24", zelensky, "3,000", "casualties", nk), "Kursk"),
		wire(3, "c", "2024-12-24", zelensky, "3,000", "casualties", "north korea"),
		wire(4, "d", "2023-10-26", "Gaza Health Ministry", "7,028", "killed", "Palestinians"),
		withLocation(wire(5, "e", "2023-10-26", "Gaza Health Ministry", "at least 6,500", "killed", "Palestinians"), "Gaza"),
		withLocation(wire(6, "f", "2023-10-26", "Palestinian Health Ministry", "103", "killed", "Palestinians"), "West Bank"),
		wire(7, "g", "2014-07-02", "the publisher", "hundreds", "arrested", ""),
	}
	var got []string
	for _, s := range Build(rs) {
		got = append(got, fmt.Sprintf("%s:%d", s.Key, len(s.Claims)))
	}
	// One place (Kursk) is detail; two places (Gaza, West Bank) split,
	// and the claim naming no place stays in the unsplit series. Case of
	// the counted group does not make another series.
	want := "[North Korea/casualties:3 Palestinians/killed:1 Palestinians/killed/Gaza:1 Palestinians/killed/West Bank:1 unknown/arrested:1]"
	if fmt.Sprint(got) != want {
		t.Errorf("series %v\nwant %s", got, want)
	}
	if Find(Build(rs), Key{"palestinians", "killed", "west bank", ""}) == nil {
		t.Error("Find by folded key")
	}
}

func TestTimeline(t *testing.T) {
	s := Build(nkStory())
	nkc := Find(s, Key{Counted: nk, Measure: "casualties"})
	tl := nkc.Timeline()
	var rows []string
	for _, r := range tl.Rows {
		var cs []string
		for _, c := range r.Claims {
			cs = append(cs, c.Date+"="+FormatClaim(c))
		}
		rows = append(rows, r.Source+": "+strings.Join(cs, ", "))
	}
	want := []string{
		"Joint Chiefs of Staff (South Korea): 2024-12-23=≥1,000, 2024-12-23=≈1,100",
		"Volodymyr Zelensky: 2024-12-24=3,000, 2025-01-09=4,000",
		"US officials: 2024-12-27=1,000–1,200",
		"the publisher: 2025-01-10=≈3,000",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("timeline rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	// Kirby's undated 1,000 cannot be placed in the running total: it is
	// a series of its own, named by its document.
	if k := Find(s, Key{Counted: nk, Measure: "casualties", Part: "report-newsaffair-kirby"}); k == nil || len(k.Claims) != 1 || k.Claims[0].Source != kirby {
		t.Errorf("no series of Kirby's undated report")
	}
	if tl.From != "2024-12-23" || tl.To != "2025-01-10" || !tl.Rows[len(tl.Rows)-1].Publisher {
		t.Errorf("timeline %s..%s", tl.From, tl.To)
	}
}

// nkStory is an invented wire corpus on North Korean troops in Russia:
// the JCS's estimate carried by ten outlets and two syndicated copies,
// Zelensky's higher figures, US officials in between, the spy agency's
// killed count relayed by a lawmaker, deployments, and the publisher's
// own summary.
func nkStory() []Report {
	rs := tenOutlets()
	add := func(r Report) { r.ID = int64(len(rs) + 1); rs = append(rs, r) }
	add(duplicate(wire(0, "msn-reuters-nk", "2024-12-24", jcs, "around 1,100", "casualties", nk)))
	add(duplicate(wire(0, "yahoo-ap-nk", "2024-12-25", jcs, "around 1,100", "casualties", nk)))
	add(withDate(wire(0, "yonhap-nk", "2024-12-23", jcs, "more than 1,000", "casualties", nk), "2024-12-23"))
	add(wire(0, "kyiv-independent-3000", "2024-12-24", zelensky, "3,000", "casualties", nk))
	add(wire(0, "reuters-zelensky", "2024-12-24", zelensky, "3,000", "casualties", nk))
	add(wire(0, "pravda-4000", "2025-01-09", zelensky, "4,000", "casualties", nk))
	add(wire(0, "cnn-us-officials", "2024-12-27", "US officials", "1,000 to 1,200", "casualties", nk))
	add(wire(0, "newsaffair-kirby", "", kirby, "1,000", "casualties", nk))
	add(wire(0, "euronews-summary", "2025-01-10", "the publisher", "about 3,000", "casualties", nk))
	add(withVia(withDate(wire(0, "korea-herald-nis", "2024-12-20", nis, "at least 100", "killed", nk), "2024-12-19"), lawmaker))
	add(withDate(wire(0, "bbc-nis", "2024-12-20", lawmaker, "at least 100", "killed", nk), "2024-12-19"))
	add(wire(0, "upi-300", "2025-01-13", nis, "at least 300", "killed", nk))
	add(wire(0, "upi-300", "2025-01-13", nis, "2,700", "wounded", nk))
	add(wire(0, "abc-pentagon", "2024-11-05", "Pentagon", "11,000 to 12,000", "deployed", nk))
	add(wire(0, "seed", "2024-12-23", "Western governments", "thousands", "deployed", nk))
	add(wire(0, "newsweek-deployed", "2024-12-18", "the publisher", "10,000 to 12,000", "deployed", nk))
	return rs
}

func TestConsensus(t *testing.T) {
	nkc := Find(Build(nkStory()), Key{Counted: nk, Measure: "casualties"})
	c := nkc.Consensus()
	// Latest of each voice: JCS's two claims of 2024-12-23, Zelensky's
	// 4,000 of 2025-01-09, US officials; not the publisher.
	var got []string
	for _, cl := range c.Claims {
		got = append(got, cl.Source+" "+FormatClaim(cl))
	}
	want := "[Joint Chiefs of Staff (South Korea) ≥1,000 Joint Chiefs of Staff (South Korea) ≈1,100 US officials 1,000–1,200 Volodymyr Zelensky 4,000]"
	if fmt.Sprint(got) != want {
		t.Errorf("consensus claims %v", got)
	}
	if c.String() != "990–4,000" || c.Sources != 3 || c.Dropped != 0 || c.Date != "2025-01-09" || c.OpenAbove || c.PublisherOnly {
		t.Errorf("consensus %s sources=%d date=%s %+v", c, c.Sources, c.Date, c)
	}
	if c.Best != 1100 { // median of 1,000 1,100 1,100 4,000
		t.Errorf("best %v", c.Best)
	}

	for _, tc := range []struct {
		name    string
		reports []Report
		want    string
		sources int
	}{
		{"open bound counts as its number", []Report{
			wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
			wire(2, "b", "2024-12-23", zelensky, "more than 3,000", "casualties", nk),
		}, "990–≥3,000", 2},
		{"a ceiling counts as its number", []Report{
			wire(1, "a", "2024-11-01", "Pentagon", "up to 12,000", "deployed", nk),
			wire(2, "b", "2024-11-01", nis, "around 11,000", "deployed", nk),
		}, "9,900–12,100", 2},
		{"an older claim of the same source is superseded", []Report{
			wire(1, "a", "2024-12-23", zelensky, "3,000", "casualties", nk),
			wire(2, "b", "2025-01-09", zelensky, "4,000", "casualties", nk),
		}, "4,000", 1},
		{"a relay is not a second voice", []Report{
			withVia(wire(1, "a", "2024-12-19", nis, "at least 100", "killed", nk), lawmaker),
			wire(2, "b", "2024-12-25", lawmaker, "at least 150", "killed", nk),
		}, "≥150", 1},
		{"the publisher only when alone", []Report{
			wire(1, "a", "2014-07-02", "the publisher", "hundreds", "arrested", "Hong Kong"),
		}, "200–999", 1},
		{"the publisher is left out otherwise", []Report{
			wire(1, "a", "2014-07-02", "the publisher", "hundreds", "arrested", "Hong Kong"),
			wire(2, "b", "2014-07-02", "Hong Kong Police", "511", "arrested", "Hong Kong"),
		}, "511", 1},
		{"a voice silent for a season is out of date", []Report{
			wire(1, "a", "2023-06-01", "UNHCR", "100,000", "displaced", "Sudan"),
			wire(2, "b", "2025-11-17", "IOM", "12,000,000", "displaced", "Sudan"),
		}, "12,000,000", 1},
		{"an undated voice is left out when others are dated", []Report{
			wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
			asTotal(wire(2, "b", "", kirby, "1,000", "casualties", nk)),
		}, "990–1,210", 1},
		{"undated voices count when nothing is dated", []Report{
			asTotal(wire(1, "a", "", "UNHCR", "100,000", "displaced", "Sudan")),
			asTotal(wire(2, "b", "", "IOM", "120,000", "displaced", "Sudan")),
		}, "100,000–120,000", 2},
		{"unreadable vague words are left out", []Report{
			wire(1, "a", "2024-01-01", "UN", "numerous", "killed", "Sudan"),
			wire(2, "b", "2024-01-01", "WHO", "at least 40,000", "killed", "Sudan"),
		}, "≥40,000", 2},
	} {
		s := Build(tc.reports)
		if len(s) != 1 {
			t.Fatalf("%s: %d series", tc.name, len(s))
		}
		c := s[0].Consensus()
		if c.String() != tc.want || c.Sources != tc.sources {
			t.Errorf("%s: consensus %q from %d sources, want %q from %d", tc.name, c, c.Sources, tc.want, tc.sources)
		}
	}
	if got := (&Series{}).Consensus(); got.String() != "" || got.Sources != 0 {
		t.Errorf("empty series consensus %+v", got)
	}
}

func TestIndependent(t *testing.T) {
	cs := Claims([]Report{
		wire(1, "a", "2024-12-19", nis, "at least 100", "killed", nk),
		withVia(wire(2, "b", "2024-12-19", nis, "at least 200", "killed", nk), lawmaker),
		wire(3, "c", "2024-12-19", lawmaker, "at least 300", "killed", nk),
		wire(4, "d", "2024-12-19", jcs, "at least 400", "killed", nk),
		withVia(wire(5, "e", "2024-12-19", "US officials", "at least 500", "killed", nk), lawmaker),
		wire(6, "f", "2024-12-19", "the publisher", "at least 600", "killed", nk),
	})
	by := map[string]*Claim{}
	for i := range cs {
		by[cs[i].NumberText] = &cs[i]
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"at least 100", "at least 400", true},  // NIS, JCS
		{"at least 100", "at least 200", false}, // same source
		{"at least 200", "at least 300", false}, // NIS via the lawmaker vs the lawmaker
		{"at least 300", "at least 200", false},
		{"at least 200", "at least 500", true},  // both via the lawmaker, distinct agencies
		{"at least 400", "at least 600", false}, // the publisher
	} {
		if got := Independent(by[tc.a], by[tc.b]); got != tc.want {
			t.Errorf("Independent(%s, %s) = %v", by[tc.a].Source, by[tc.b].Source, got)
		}
	}
}

// TestOddReports feeds rows a careless store could hand over: empty
// fields, nulls everywhere, NaN, unknown qualifiers and measures, bad
// dates. Nothing may panic, and every row must land in some claim.
func TestOddReports(t *testing.T) {
	nan := math.NaN()
	rs := []Report{
		{},
		{ID: 2, Published: "not a date"},
		{ID: 3, Published: "2024-02-30", Figure: claim.Figure{Qualifier: claim.Exact, Value: &nan, Measure: "killed"}},
		{ID: 4, Figure: claim.Figure{Qualifier: "weird", NumberText: "lots", Measure: "bananas", Source: "  "}},
		{ID: 5, Figure: claim.Figure{Qualifier: claim.Range, High: fp(5), Measure: "killed", Counted: sp(""), Location: sp("  ")}},
		{ID: 6, Published: "2024-01-01", Figure: claim.Figure{Qualifier: claim.Min, Value: fp(1e300), Measure: "killed", Via: sp("")}},
		{ID: 7, Published: "2024-01-01", Figure: claim.Figure{Qualifier: claim.Max, Value: fp(0), Measure: "killed"}},
		{ID: 8, Duplicate: true},
	}
	all := Build(rs)
	n := 0
	for i := range all {
		s := &all[i]
		for _, c := range s.Claims {
			n += len(c.Reports)
		}
		a := s.Analyze()
		_ = Chart(a.Timeline, 80)
		_ = ConsensusChart(a.Consensus, 80)
		for _, c := range a.Conflicts {
			_ = c.Reason()
		}
		_ = s.Summary()
	}
	_ = Consistency(all)
	if n != len(rs) {
		t.Errorf("%d of %d reports in claims", n, len(rs))
	}
}
