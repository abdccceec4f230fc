package series

import (
	"fmt"
	"testing"
)

// outlets are ten newsrooms that all carry the JCS figure.
var outlets = []string{"yonhap", "reuters", "ap", "afp", "bbc", "cnn", "nyt", "guardian", "kyodo", "dw"}

// tenOutlets is the JCS's "around 1,100" carried by ten outlets over
// three days, each on its own publication date.
func tenOutlets() []Report {
	var rs []Report
	for i, o := range outlets {
		pub := fmt.Sprintf("2024-12-%02d", 23+i%3)
		r := wire(int64(i+1), o+"-nk", pub, jcs, "around 1,100", "casualties", nk)
		if i%3 == 0 {
			r = withDate(r, "2024-12-23") // "said on Monday", resolved
		}
		rs = append(rs, r)
	}
	return rs
}

func TestTenOutletsOneClaim(t *testing.T) {
	cs := Claims(tenOutlets())
	if len(cs) != 1 {
		t.Fatalf("%d claims, want 1", len(cs))
	}
	c := cs[0]
	if len(c.Reports) != 10 || c.Documents() != 10 {
		t.Errorf("reports %d, documents %d; want 10, 10", len(c.Reports), c.Documents())
	}
	if c.Date != "2024-12-23" || c.Last != "2024-12-25" {
		t.Errorf("dates %s..%s", c.Date, c.Last)
	}
	if c.Interval != (Interval{990, 1210}) || c.Qualifier != "approx" || c.Source != jcs || c.Counted != nk {
		t.Errorf("claim %+v", c)
	}
	if c.FirstURL != "https://example.com/yonhap-nk" || c.FirstSentence == "" {
		t.Errorf("first report %q %q", c.FirstURL, c.FirstSentence)
	}
	for i := 1; i < len(c.Reports); i++ {
		if c.Reports[i-1].When() > c.Reports[i].When() {
			t.Fatal("reports not in date order")
		}
	}
}

func TestNearDuplicates(t *testing.T) {
	rs := tenOutlets()
	// Two syndicated copies, one of them a day after the last original.
	rs = append(rs,
		duplicate(wire(20, "msn-copy-of-reuters", "2024-12-24", jcs, "around 1,100", "casualties", nk)),
		duplicate(wire(21, "yahoo-copy-of-ap", "2024-12-26", jcs, "around 1,100", "casualties", nk)),
	)
	// A copy whose figure appears nowhere else makes no claim.
	rs = append(rs, duplicate(wire(22, "copy-of-missing", "2024-12-24", zelensky, "3,000", "casualties", nk)))
	cs := Claims(rs)
	if len(cs) != 1 {
		t.Fatalf("%d claims, want 1 (duplicates never make one): %+v", len(cs), cs)
	}
	c := cs[0]
	if len(c.Reports) != 12 || c.Documents() != 10 {
		t.Errorf("reports %d, documents %d; want 12, 10", len(c.Reports), c.Documents())
	}
	if c.Last != "2024-12-25" {
		t.Errorf("a duplicate moved the claim's last date to %s", c.Last)
	}
	// The first URL comes from an original, not the copy.
	first := Claims([]Report{
		duplicate(wire(1, "copy", "2024-12-22", jcs, "1,000", "killed", nk)),
		wire(2, "orig", "2024-12-23", jcs, "1,000", "killed", nk),
	})
	if len(first) != 1 || first[0].FirstURL != "https://example.com/orig" || first[0].Date != "2024-12-23" {
		t.Errorf("first report of a claim with an early copy: %+v", first)
	}
}

func TestClaimWindows(t *testing.T) {
	day := func(d int) string { return fmt.Sprintf("2025-01-%02d", d) }
	for _, tc := range []struct {
		name string
		days []int
		want []int // reports per claim, in date order
	}{
		{"same day", []int{1, 1, 1}, []int{3}},
		{"chain within three days", []int{1, 3, 5, 7}, []int{4}},
		{"gap of four days splits", []int{1, 5}, []int{1, 1}},
		{"span is capped at seven days", []int{1, 4, 7, 10, 13}, []int{3, 2}},
		{"restated a month later", []int{1, 2, 30}, []int{2, 1}},
	} {
		var rs []Report
		for i, d := range tc.days {
			rs = append(rs, wire(int64(i+1), fmt.Sprintf("doc%d", i), day(d), zelensky, "4,000", "casualties", nk))
		}
		cs := Claims(rs)
		var got []int
		for _, c := range cs {
			got = append(got, len(c.Reports))
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: claims of %v reports, want %v", tc.name, got, tc.want)
		}
	}
}

func TestClaimKeys(t *testing.T) {
	base := wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk)
	for _, tc := range []struct {
		name  string
		other Report
		same  bool
	}{
		{"same assertion", wire(2, "b", "2024-12-24", jcs, "around 1,100", "casualties", nk), true},
		{"source case and spacing", wire(2, "b", "2024-12-24", "joint chiefs of  staff (south korea)", "around 1,100", "casualties", nk), true},
		{"other wording, same qualifier", wire(2, "b", "2024-12-24", jcs, "about 1,100", "casualties", nk), true},
		{"relayed by someone", withVia(wire(2, "b", "2024-12-24", jcs, "around 1,100", "casualties", nk), lawmaker), true},
		{"other qualifier", wire(2, "b", "2024-12-24", jcs, "1,100", "casualties", nk), false},
		{"other value", wire(2, "b", "2024-12-24", jcs, "around 1,200", "casualties", nk), false},
		{"other measure", wire(2, "b", "2024-12-24", jcs, "around 1,100", "killed", nk), false},
		{"other counted", wire(2, "b", "2024-12-24", jcs, "around 1,100", "casualties", "Russia"), false},
		{"other source", wire(2, "b", "2024-12-24", nis, "around 1,100", "casualties", nk), false},
		{"other location", withLocation(wire(2, "b", "2024-12-24", jcs, "around 1,100", "casualties", nk), "Kursk"), false},
		{"too late", wire(2, "b", "2024-12-30", jcs, "around 1,100", "casualties", nk), false},
	} {
		n := len(Claims([]Report{base, tc.other}))
		if (n == 1) != tc.same {
			t.Errorf("%s: %d claims", tc.name, n)
		}
	}
	// Vague figures have no numbers: the words tell them apart.
	v := Claims([]Report{
		wire(1, "a", "2024-11-01", "Western governments", "thousands", "deployed", nk),
		wire(2, "b", "2024-11-01", "Western governments", "hundreds", "deployed", nk),
		wire(3, "c", "2024-11-01", "Western governments", "Thousands", "deployed", nk),
	})
	if len(v) != 2 {
		t.Errorf("thousands/hundreds/Thousands: %d claims, want 2", len(v))
	}
}

func TestUndatedReports(t *testing.T) {
	// An undated report joins the latest dated claim with its key.
	cs := Claims([]Report{
		wire(1, "a", "2024-12-23", zelensky, "3,000", "casualties", nk),
		wire(2, "b", "2025-01-20", zelensky, "3,000", "casualties", nk),
		wire(3, "undated-blog", "", zelensky, "3,000", "casualties", nk),
	})
	if len(cs) != 2 || len(cs[1].Reports) != 2 || cs[1].Date != "2025-01-20" {
		t.Errorf("undated report did not join the latest claim: %+v", cs)
	}
	// With no dated claim, the undated ones make one undated claim, last.
	cs = Claims([]Report{
		wire(1, "x", "", kirby, "1,000", "casualties", nk),
		wire(2, "y", "", kirby, "1,000", "casualties", nk),
		wire(3, "z", "2024-12-20", nis, "at least 100", "killed", nk),
	})
	if len(cs) != 2 || cs[1].Source != kirby || cs[1].Dated() || cs[1].Date != "" || len(cs[1].Reports) != 2 {
		t.Errorf("undated claims: %+v", cs)
	}
	// The figure's own date beats the publication date.
	r := withDate(wire(1, "a", "2025-01-27", jcs, "around 1,100", "casualties", nk), "2024-12-23")
	if r.When() != "2024-12-23" || Claims([]Report{r})[0].Date != "2024-12-23" {
		t.Error("figure date not used")
	}
}

func TestClaimFields(t *testing.T) {
	r1 := withVia(wire(1, "a", "2024-12-19", nis, "at least 100", "killed", nk), lawmaker)
	r1.Hedged = true
	r2 := wire(2, "b", "2024-12-20", nis, "at least 100", "killed", nk)
	cs := Claims([]Report{r2, r1})
	if len(cs) != 1 {
		t.Fatalf("%d claims", len(cs))
	}
	c := cs[0]
	if c.Via != lawmaker || !c.Hedged || c.NumberText != "at least 100" || c.Best() != 100 || c.Date != "2024-12-19" {
		t.Errorf("claim fields: %+v", c)
	}
	for _, tc := range []struct {
		text string
		best float64
	}{{"1,100", 1100}, {"around 1,100", 1100}, {"more than 1,000", 1000}, {"up to 12,000", 12000},
		{"10,000 to 12,000", 11000}, {"thousands", 2000}} {
		c := Claims([]Report{wire(1, "a", "2024-01-01", jcs, tc.text, "deployed", nk)})[0]
		if c.Best() != tc.best {
			t.Errorf("Best(%s) = %v, want %v", tc.text, c.Best(), tc.best)
		}
	}
}

func TestClaimsOrder(t *testing.T) {
	cs := Claims([]Report{
		wire(1, "a", "", kirby, "1,000", "casualties", nk),
		wire(2, "b", "2025-01-09", zelensky, "4,000", "casualties", nk),
		wire(3, "c", "2024-12-23", zelensky, "3,000", "casualties", nk),
		wire(4, "d", "2024-12-23", jcs, "around 1,100", "casualties", nk),
	})
	var got []string
	for _, c := range cs {
		got = append(got, c.Date+" "+c.Source)
	}
	want := "[2024-12-23 Joint Chiefs of Staff (South Korea) 2024-12-23 Volodymyr Zelensky 2025-01-09 Volodymyr Zelensky  John Kirby (White House)]"
	if fmt.Sprint(got) != want {
		t.Errorf("order %v", got)
	}
}

// A claim keeps its id when later documents repeat it, even one dated
// earlier with a better claim to describe it; the id differs between
// claims.
func TestClaimIDStable(t *testing.T) {
	first := []Report{
		wire(10, "seoul-1", "2024-12-23", "JCS", "around 1,100", "casualties", "North Korea"),
		wire(11, "seoul-1", "2024-12-23", "Zelensky", "3,000", "casualties", "North Korea"),
	}
	first[0].URL = "" // the first copy has no URL; a later one will
	first[0].Span, first[1].Span = [2]int{40, 52}, [2]int{120, 125}
	ids := map[string]string{}
	for _, c := range Claims(first) {
		ids[c.Source] = c.ID()
	}
	if ids["JCS"] == "" || ids["JCS"] == ids["Zelensky"] {
		t.Fatalf("ids %v", ids)
	}
	more := append(first, wire(25, "wire-2", "2024-12-22", "JCS", "around 1,100", "casualties", "North Korea"))
	for _, c := range Claims(more) {
		if c.Source == "JCS" {
			if len(c.Reports) != 2 {
				t.Fatalf("JCS claim of %d reports", len(c.Reports))
			}
			if c.ID() != ids["JCS"] {
				t.Errorf("the JCS claim's id changed from %s to %s when a later-stored report joined it", ids["JCS"], c.ID())
			}
			if c.FirstDoc != "wire-2" {
				t.Errorf("described by %s, want the report with a URL", c.FirstDoc)
			}
		}
	}
}
