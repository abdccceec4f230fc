package dates_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/dates"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// expectFind checks that sentence, published on pub, holds exactly the
// expressions want, given as "text=date" ("text=" for no day, "text~date"
// for a day that is not exact).
func expectFind(t *testing.T, pub, sentence string, want ...string) {
	t.Helper()
	t.Run(sentence, func(t *testing.T) {
		t.Helper()
		var p time.Time
		if pub != "" {
			p = day(pub)
		}
		var got []string
		for _, m := range dates.Find(sentence, p) {
			if sentence[m.Start:m.End] != m.Text {
				t.Errorf("span %d:%d is %q, Text %q", m.Start, m.End, sentence[m.Start:m.End], m.Text)
			}
			sep := "="
			if m.Date != "" && !m.Exact {
				sep = "~"
			}
			got = append(got, m.Text+sep+m.Date)
		}
		if strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Errorf("Find(%q, %s)\n got: %q\nwant: %q", sentence, pub, got, want)
		}
	})
}

func TestFind(t *testing.T) {
	// 2025-01-27 is a Monday; 2024-12-18 a Wednesday.
	const mon = "2025-01-27"
	const wed = "2024-12-18"

	// weekdays: most recent on or before publication
	expectFind(t, mon, "South Korea's Joint Chiefs of Staff said on Monday.", "on Monday=2025-01-27")
	expectFind(t, wed, "Police said on Monday that 12 were killed.", "on Monday=2024-12-16")
	expectFind(t, wed, "The ministry said Wednesday.", "Wednesday=2024-12-18")
	expectFind(t, wed, "It was attacked on Thursday.", "on Thursday=2024-12-12")
	expectFind(t, wed, "Shelling on Sunday night killed three.", "on Sunday night=2024-12-15")
	expectFind(t, wed, "Monday's attack killed 12 people.", "Monday=2024-12-16")
	expectFind(t, wed, "Monday’s attack killed 12 people.", "Monday=2024-12-16")
	// "last Monday": strictly before publication
	expectFind(t, wed, "The army said last Monday that 40 died.", "last Monday=2024-12-16")
	expectFind(t, mon, "The army said last Monday that 40 died.", "last Monday=2025-01-20")
	expectFind(t, mon, "The vote is next Monday.", "next Monday=")
	// weekday with a calendar date: the date wins
	expectFind(t, wed, "Officials said on Monday, December 16, that 7 died.", "on Monday, December 16=2024-12-16")
	// names, not dates
	expectFind(t, wed, "The Sunday Times reported 300 deaths.")
	expectFind(t, wed, "Crowds gathered on Good Friday.")
	expectFind(t, wed, "The Bloody Sunday inquiry counted 14 dead.")
	expectFind(t, wed, "Shops open on Mondays.")

	// month and day; year boundary
	expectFind(t, wed, "The agency said on December 16 that 1,100 were killed.", "on December 16=2024-12-16")
	expectFind(t, wed, "On Dec. 16, troops moved.", "On Dec. 16=2024-12-16")
	expectFind(t, wed, "On Dec 16th, troops moved.", "On Dec 16th=2024-12-16")
	expectFind(t, wed, "The report of December 16, 2024 counted 12.", "December 16, 2024=2024-12-16")
	expectFind(t, wed, "The report of 16 December 2024 counted 12.", "16 December 2024=2024-12-16")
	expectFind(t, wed, "Sept. 3 was quiet.", "Sept. 3=2024-09-03")
	expectFind(t, "2025-01-05", "Since December 28, 40 have died.", "December 28=2024-12-28")
	expectFind(t, "2025-01-05", "On January 5, 40 died.", "On January 5=2025-01-05")
	expectFind(t, "2025-01-05", "On January 6, 40 died.", "On January 6=2024-01-06")
	expectFind(t, "2024-03-01", "Figures from February 29 show 10 dead.", "February 29=2024-02-29")
	expectFind(t, "2025-03-01", "Figures from February 29 show 10 dead.", "February 29=")
	expectFind(t, wed, "A deadline of December 31, 2024 was set.", "December 31, 2024=")
	expectFind(t, wed, "Data as of 2024-12-01 show 5 dead.", "2024-12-01=2024-12-01")
	// a full date resolves without a publication date; a bare one does not
	expectFind(t, "", "The report of December 16, 2024 counted 12.", "December 16, 2024=2024-12-16")
	expectFind(t, "", "On December 16, 12 died.", "On December 16=")
	expectFind(t, "", "Police said on Monday.", "on Monday=")

	// month only: matched, no day
	expectFind(t, wed, "In January, 300 were killed.", "In January=")
	expectFind(t, wed, "Fighting since mid-March displaced thousands.", "mid-March=")
	expectFind(t, wed, "By May 2024, 2,000 had fled.", "By May 2024=")
	// "may" and "March" that are not months
	expectFind(t, wed, "The toll may rise.")
	expectFind(t, wed, "May God help them, she said.")
	expectFind(t, wed, "Thousands March on the capital.")
	expectFind(t, wed, "Protesters will march on Parliament.")
	expectFind(t, wed, "3 may die.")

	// relative days
	expectFind(t, wed, "Ten people died yesterday.", "yesterday=2024-12-17")
	expectFind(t, wed, "The UN said today that 5 died.", "today=2024-12-18")
	expectFind(t, wed, "The UN said earlier today that 5 died.", "earlier today=2024-12-18")
	expectFind(t, wed, "Strikes overnight killed 4.", "overnight~2024-12-18")
	expectFind(t, wed, "Strikes last night killed 4.", "last night=2024-12-17")
	expectFind(t, wed, "Officials said this morning.", "this morning=2024-12-18")
	expectFind(t, wed, "Two days ago, 9 were killed.", "Two days ago=2024-12-16")
	expectFind(t, wed, "9 were killed 3 days ago.", "3 days ago=2024-12-15")
	expectFind(t, "2025-01-01", "On New Year's Eve, yesterday, 4 died.", "yesterday=2024-12-31")

	// weeks and months: matched, no day
	expectFind(t, wed, "Last week, 1,100 were killed.", "Last week=")
	expectFind(t, wed, "This week alone 300 died.", "This week=")
	expectFind(t, wed, "Earlier this month, 300 died.", "Earlier this month=")
	expectFind(t, wed, "Last month 12 were arrested.", "Last month=")
	expectFind(t, wed, "Three weeks ago 12 were arrested.", "Three weeks ago=")

	// several in one sentence
	expectFind(t, wed, "After 12 died on Monday, 30 more died yesterday.", "on Monday=2024-12-16", "yesterday=2024-12-17")

	// not dates
	expectFind(t, wed, "Some 240mm rockets and 1,100 troops.")
	expectFind(t, wed, "A 10-year war has killed 5,000.")
	expectFind(t, wed, "")
}

func TestResolve(t *testing.T) {
	pub := day("2024-12-18")
	for _, tc := range []struct {
		expr, want string
		ok         bool
	}{
		{"on Monday", "2024-12-16", true},
		{"Monday", "2024-12-16", true},
		{"Dec. 16", "2024-12-16", true},
		{"December 16, 2024", "2024-12-16", true},
		{"yesterday", "2024-12-17", true},
		{"on Sunday night", "2024-12-15", true},
		{" today. ", "2024-12-18", true},
		{"last week", "", false},
		{"earlier this month", "", false},
		{"in January", "", false},
		{"Monday and Tuesday", "", false},
		{"said Monday", "", false},
		{"", "", false},
	} {
		got, ok := dates.Resolve(tc.expr, pub)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tc.expr, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"South Korea's Joint Chiefs of Staff said on Monday.",
		"On Dec. 16, 2024, troops moved; last week 3 days ago.",
		"Since December 28 and 2024-12-01 and 31 May, mid-March.",
		"Monday, Dec 16th", "The toll may rise", "two days ago", "é Monday’s",
	} {
		f.Add(s, int64(1737936000))
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		pub := time.Unix(unix%(1<<40), 0).UTC()
		y, mo, d := pub.Date()
		pubDay := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		last := 0
		for _, m := range dates.Find(s, pub) {
			if m.Start < last || m.Start >= m.End || m.End > len(s) {
				t.Fatalf("bad span %d:%d (previous end %d) in %q", m.Start, m.End, last, s)
			}
			last = m.End
			if s[m.Start:m.End] != m.Text {
				t.Fatalf("Text %q is not the span %q", m.Text, s[m.Start:m.End])
			}
			if m.Date != "" && y >= 1000 && y <= 9999 && m.Date > pubDay {
				t.Fatalf("%q resolved to %s, after publication %s", m.Text, m.Date, pubDay)
			}
			if m.Exact && m.Date == "" {
				t.Fatalf("%q exact without a date", m.Text)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	pub := day("2025-01-27")
	sents := []string{
		"Around 1,100 North Korean troops have been killed or wounded in Russia's Kursk region, South Korea's Joint Chiefs of Staff said on Monday.",
		"The National Intelligence Service said 300 had been killed and 2,700 wounded.",
		"Thousands of residents fled their homes, the agency added.",
	}
	for b.Loop() {
		for _, s := range sents {
			dates.Find(s, pub)
		}
	}
}
