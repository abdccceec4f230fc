package series

import (
	"fmt"
	"strings"
	"testing"
)

func TestConflicts(t *testing.T) {
	for _, tc := range []struct {
		name    string
		reports []Report
		want    string // the reasons, one a line; "" for no conflict
	}{
		{"JCS against Zelensky, one day apart", []Report{
			wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
			wire(2, "b", "2024-12-24", zelensky, "3,000", "casualties", nk),
		}, "Joint Chiefs of Staff (South Korea) ≈1,100 (990–1,210) vs Volodymyr Zelensky 3,000 on 2024-12-23 / 2024-12-24: intervals do not overlap"},
		{"same day, open bound", []Report{
			wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
			wire(2, "b", "2024-12-23", zelensky, "more than 3,000", "casualties", nk),
		}, "Joint Chiefs of Staff (South Korea) ≈1,100 (990–1,210) vs Volodymyr Zelensky ≥3,000 on 2024-12-23: intervals do not overlap"},
		{"overlapping intervals agree", []Report{
			wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
			wire(2, "b", "2024-12-27", "US officials", "1,000 to 1,200", "casualties", nk),
		}, ""},
		{"a min below an exact agrees", []Report{
			wire(1, "a", "2024-12-23", jcs, "more than 1,000", "casualties", nk),
			wire(2, "b", "2024-12-24", zelensky, "3,000", "casualties", nk),
		}, ""},
		{"cumulative: later and higher is growth", []Report{
			wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
			wire(2, "b", "2025-01-03", zelensky, "3,000", "casualties", nk),
		}, ""},
		{"cumulative: later and lower cannot be", []Report{
			wire(1, "a", "2024-12-24", zelensky, "3,000", "casualties", nk),
			wire(2, "b", "2025-01-03", jcs, "around 1,100", "casualties", nk),
		}, "Volodymyr Zelensky 3,000 vs Joint Chiefs of Staff (South Korea) ≈1,100 (990–1,210) on 2024-12-24 / 2025-01-03: intervals do not overlap and the later figure is lower, though the count only grows"},
		{"different periods", []Report{
			wire(1, "a", "2024-12-24", zelensky, "3,000", "casualties", nk),
			wire(2, "b", "2025-01-09", jcs, "around 1,100", "casualties", nk),
		}, ""},
		{"missing is not cumulative", []Report{
			wire(1, "a", "2023-10-20", "Gaza Health Ministry", "1,000", "missing", "Palestinians"),
			wire(2, "b", "2023-10-27", "UN", "1,650", "missing", "Palestinians"),
		}, "Gaza Health Ministry 1,000 vs UN 1,650 on 2023-10-20 / 2023-10-27: intervals do not overlap"},
		{"one source changing its figure", []Report{
			wire(1, "a", "2024-12-23", zelensky, "3,000", "casualties", nk),
			wire(2, "b", "2024-12-24", zelensky, "1,000", "casualties", nk),
		}, ""},
		{"a relay does not contradict its source", []Report{
			withVia(wire(1, "a", "2024-12-19", nis, "100", "killed", nk), lawmaker),
			wire(2, "b", "2024-12-19", lawmaker, "300", "killed", nk),
		}, ""},
		{"the publisher contradicts nobody", []Report{
			wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
			wire(2, "b", "2024-12-23", "the publisher", "3,000", "casualties", nk),
		}, ""},
		{"undated claims have no period", []Report{
			wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
			wire(2, "b", "", kirby, "3,000", "casualties", nk),
		}, ""},
		{"against the other source's standing statement", []Report{
			wire(1, "a", "2024-12-20", jcs, "around 1,100", "casualties", nk),
			wire(2, "b", "2024-12-22", jcs, "around 2,000", "casualties", nk),
			wire(3, "c", "2024-12-23", zelensky, "2,100", "casualties", nk),
		}, ""},
	} {
		s := Build(tc.reports)
		var got []string
		for _, c := range s[0].Conflicts() {
			got = append(got, c.Reason())
			if c.A.first > c.B.first {
				t.Errorf("%s: A after B", tc.name)
			}
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, strings.Join(got, "\n"), tc.want)
		}
	}
}

func TestCorroboration(t *testing.T) {
	s := Build([]Report{
		wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
		wire(2, "b", "2024-12-27", "US officials", "1,000 to 1,200", "casualties", nk),
		wire(3, "c", "2024-12-28", "US officials", "1,150", "casualties", nk),
		wire(4, "d", "2024-12-24", zelensky, "3,000", "casualties", nk),
		wire(5, "e", "2024-12-30", "the publisher", "about 1,100", "casualties", nk),
		wire(6, "f", "2025-02-20", "Pentagon", "1,100", "casualties", nk),
	})[0]
	got := map[string][]string{}
	for _, c := range s.Corroboration() {
		key := c.Claim.Source + " " + FormatClaim(c.Claim)
		for _, by := range c.By {
			got[key] = append(got[key], by.Source)
		}
	}
	// US officials corroborate the JCS once (one entry per source) and
	// the JCS corroborates both US claims; Zelensky stands alone; the
	// publisher corroborates nobody; the Pentagon is a later period.
	want := map[string][]string{
		jcs + " ≈1,100":            {"US officials"},
		"US officials 1,000–1,200": {jcs},
		"US officials 1,150":       {jcs},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("corroboration %v\nwant %v", got, want)
	}
	if len(s.Corroboration()) != len(s.Claims) {
		t.Error("one entry per claim")
	}
}

func TestSpreads(t *testing.T) {
	nkc := Find(Build(nkStory()), Key{Counted: nk, Measure: "casualties"})
	sps := nkc.Spreads()
	var got []string
	for _, sp := range sps {
		got = append(got, fmt.Sprintf("%s..%s %d voices: %s ≤ %s disagree=%v", sp.From, sp.To, sp.Sources,
			FormatClaim(sp.Lowest), FormatClaim(sp.Highest), sp.Disagree))
	}
	// December: US officials' 1,000–1,200 lowest (the smallest upper
	// bound: ≈1,100 reaches 1,210, and ≥1,000 is open, never low),
	// Zelensky's 3,000 highest: flagged. January: Zelensky alone (the
	// publisher does not count), no spread.
	want := "[2024-12-23..2024-12-27 3 voices: 1,000–1,200 ≤ 3,000 disagree=true]"
	if fmt.Sprint(got) != want {
		t.Errorf("spreads %v\nwant %s", got, want)
	}
	if len(sps) == 1 && sps[0].Reason != "Volodymyr Zelensky 3,000 vs US officials 1,000–1,200 on 2024-12-24 / 2024-12-27: intervals do not overlap and the later figure is lower, though the count only grows" {
		t.Errorf("reason %q", sps[0].Reason)
	}

	// One voice holding both extremes is paired with the best other.
	s := Build([]Report{
		wire(1, "a", "2025-01-01", zelensky, "around 1,000", "casualties", nk),
		wire(2, "b", "2025-01-02", zelensky, "5,000", "casualties", nk),
		wire(3, "c", "2025-01-02", jcs, "around 2,000", "casualties", nk),
	})[0]
	sps = s.Spreads()
	if len(sps) != 1 || sps[0].Lowest.Source == sps[0].Highest.Source {
		t.Fatalf("spreads %+v", sps)
	}
	if FormatClaim(sps[0].Lowest) != "≈2,000" || FormatClaim(sps[0].Highest) != "5,000" || !sps[0].Disagree {
		t.Errorf("paired %s with %s", FormatClaim(sps[0].Lowest), FormatClaim(sps[0].Highest))
	}
	// Agreeing extremes are reported, not flagged.
	s = Build([]Report{
		wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk),
		wire(2, "b", "2024-12-27", "US officials", "1,000 to 1,200", "casualties", nk),
	})[0]
	if sps := s.Spreads(); len(sps) != 1 || sps[0].Disagree || !strings.HasSuffix(sps[0].Reason, "intervals overlap") {
		t.Errorf("agreeing spread %+v", sps)
	}
}

func TestConsistency(t *testing.T) {
	for _, tc := range []struct {
		name    string
		reports []Report
		want    string
	}{
		{"killed above casualties", []Report{
			wire(1, "a", "2023-10-25", "Gaza Health Ministry", "around 5,000", "casualties", "Palestinians"),
			wire(2, "b", "2023-10-26", "Gaza Health Ministry", "7,028", "killed", "Palestinians"),
		}, "killed-above-casualties: Gaza Health Ministry: killed 7,028 on 2023-10-26 above casualties ≈5,000 on 2023-10-25"},
		{"killed outgrowing an old casualty count is no warning", []Report{
			wire(1, "a", "2023-10-10", "Gaza Health Ministry", "around 5,000", "casualties", "Palestinians"),
			wire(2, "b", "2023-10-20", "Gaza Health Ministry", "7,028", "killed", "Palestinians"),
		}, ""},
		{"wounded above casualties", []Report{
			wire(1, "a", "2025-01-13", nis, "2,700", "wounded", nk),
			wire(2, "b", "2025-01-13", nis, "1,000", "casualties", nk),
		}, "wounded-above-casualties: National Intelligence Service (South Korea): wounded 2,700 on 2025-01-13 above casualties 1,000 on 2025-01-13"},
		{"other sources are not checked against each other", []Report{
			wire(1, "a", "2025-01-13", nis, "2,700", "wounded", nk),
			wire(2, "b", "2025-01-13", jcs, "1,000", "casualties", nk),
		}, ""},
		{"deployed below casualties", []Report{
			wire(1, "a", "2025-01-05", "Pentagon", "up to 900", "deployed", nk),
			wire(2, "b", "2025-01-09", "Pentagon", "more than 1,000", "casualties", nk),
		}, "deployed-below-casualties: Pentagon: deployed ≤900 on 2025-01-05 below casualties ≥1,000 on 2025-01-09"},
		{"a cumulative count falls", []Report{
			wire(1, "a", "2025-01-09", zelensky, "4,000", "casualties", nk),
			wire(2, "b", "2025-02-20", zelensky, "3,000", "casualties", nk),
		}, "count-falls: Volodymyr Zelensky: casualties 4,000 on 2025-01-09 then casualties 3,000 on 2025-02-20: a cumulative count fell"},
		{"subsets of the same day do not fall", []Report{
			wire(1, "a", "2023-10-26", "Gaza Health Ministry", "7,028", "killed", "Palestinians"),
			wire(2, "b", "2023-10-26", "Gaza Health Ministry", "2,913", "killed", "Palestinians"),
		}, ""},
		{"missing may fall", []Report{
			wire(1, "a", "2023-10-26", "Gaza Health Ministry", "1,650", "missing", "Palestinians"),
			wire(2, "b", "2023-11-26", "Gaza Health Ministry", "940", "missing", "Palestinians"),
		}, ""},
		{"the publisher is not checked", []Report{
			wire(1, "a", "2025-01-09", "the publisher", "4,000", "casualties", nk),
			wire(2, "b", "2025-02-20", "the publisher", "3,000", "casualties", nk),
		}, ""},
	} {
		var got []string
		for _, w := range Consistency(Build(tc.reports)) {
			got = append(got, w.Kind+": "+w.Message)
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, strings.Join(got, "\n"), tc.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	var got []string
	for _, s := range Summarize(nkStory()) {
		latest := "-"
		if s.Latest != nil {
			latest = s.Latest.Source + " " + FormatClaim(s.Latest) + " " + s.Latest.Date
		}
		got = append(got, fmt.Sprintf("%s claims=%d sources=%d reports=%d docs=%d latest=%s consensus=%s conflicts=%d disagree=%v",
			s.Key, s.Claims, s.Sources, s.Reports, s.Documents, latest, s.Consensus, s.Conflicts, s.Disagree))
	}
	want := []string{
		"North Korea/casualties claims=6 sources=3 reports=18 docs=15 latest=Volodymyr Zelensky 4,000 2025-01-09 consensus=990–4,000 conflicts=2 disagree=true",
		"North Korea/casualties#report-newsaffair-kirby claims=1 sources=1 reports=1 docs=1 latest=John Kirby (White House) 1,000  consensus=1,000 conflicts=0 disagree=false",
		"North Korea/deployed claims=3 sources=2 reports=3 docs=3 latest=Western governments thousands 2024-12-23 consensus=2,000–12,000 conflicts=0 disagree=false",
		"North Korea/killed claims=3 sources=1 reports=3 docs=3 latest=National Intelligence Service (South Korea) ≥300 2025-01-13 consensus=≥300 conflicts=0 disagree=false",
		"North Korea/wounded claims=1 sources=1 reports=1 docs=1 latest=National Intelligence Service (South Korea) 2,700 2025-01-13 consensus=2,700 conflicts=0 disagree=false",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("summaries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAnalyze checks the one-sweep analysis agrees with the separate
// methods.
func TestAnalyze(t *testing.T) {
	for _, rs := range [][]Report{nkStory(), generated(2000)} {
		for _, s := range Build(rs) {
			a := s.Analyze()
			if fmt.Sprint(a.Conflicts) != fmt.Sprint(s.Conflicts()) ||
				fmt.Sprint(a.Corroboration) != fmt.Sprint(s.Corroboration()) ||
				fmt.Sprint(a.Spreads) != fmt.Sprint(s.Spreads()) ||
				a.Consensus.String() != s.Consensus().String() ||
				len(a.Timeline.Rows) != len(s.Timeline().Rows) {
				t.Errorf("%s: Analyze differs from the methods", s.Key)
			}
		}
	}
}
