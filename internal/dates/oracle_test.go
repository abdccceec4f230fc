package dates_test

import (
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"

	"github.com/tally-news/tally/internal/dates"
)

// TestAgreesWithDateparser checks our resolver against go-dateparser, a
// maintained general date parser, on the forms where news conventions and
// its own agree: calendar dates with and without a year, "yesterday",
// "N days ago", and weekdays other than the publication day (for that day
// go-dateparser goes back a week, while wire copy's "on Monday" in a
// Monday paper is that Monday), and dates after publication (which we
// never give). go-dateparser 1.2.3 also resolves a weekday across New
// Year wrongly ("Monday" on Sunday 2025-01-05 gives 2024-01-30, where
// 2024-12-30 is meant), so weekdays are checked only away from January's
// first week. The library is too slow to run on every
// sentence (about 0.3 ms a phrase against about 1 µs here), so it serves
// as the oracle, not the engine.
func TestAgreesWithDateparser(t *testing.T) {
	pubs := []time.Time{
		time.Date(2024, 12, 23, 12, 0, 0, 0, time.UTC), // a Monday
		time.Date(2025, 1, 5, 12, 0, 0, 0, time.UTC),   // a Sunday, early in a year
		time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),   // after February
		time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC),  // leap day
	}
	phrases := []string{
		"December 16", "Dec. 16", "16 December 2024", "Dec 16, 2024", "February 28", "Feb. 29, 2024",
		"January 3", "3 January", "yesterday", "two days ago", "three days ago", "10 days ago",
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	}
	for _, pub := range pubs {
		cfg := &dps.Configuration{CurrentTime: pub, PreferredDateSource: dps.Past, Languages: []string{"en"}}
		for _, p := range phrases {
			if wd, ok := weekdays[p]; ok && (wd == pub.Weekday() || pub.YearDay() <= 7) {
				continue // conventions differ, or the library errs; see above
			}
			want, err := dps.Parse(cfg, p)
			if err != nil {
				t.Errorf("go-dateparser cannot parse %q: %v", p, err)
				continue
			}
			if want.Time.After(pub) {
				continue // we never resolve to a date after publication
			}
			got, ok := dates.Resolve(p, pub)
			if !ok {
				t.Errorf("Resolve(%q, %s): no date; go-dateparser says %s", p, pub.Format("2006-01-02"), want.Time.Format("2006-01-02"))
				continue
			}
			if w := want.Time.Format("2006-01-02"); got != w {
				t.Errorf("Resolve(%q, %s) = %s; go-dateparser says %s", p, pub.Format("2006-01-02"), got, w)
			}
		}
	}
}

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}
