package htmltext_test

import (
	"sync"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"
)

// TestDateparserCopy checks tally's copy of go-dateparser
// (third_party/go-dateparser, whose locale tables and expressions are
// built on first use instead of at start-up): dates in several languages,
// absolute and relative, parse as upstream parses them, also when the
// first uses come from several goroutines at once.
func TestDateparserCopy(t *testing.T) {
	now := time.Date(2025, 1, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct{ in, want string }{
		{"27 January 2025", "2025-01-27"},
		{"January 3, 2024", "2024-01-03"},
		{"3 de marzo de 2025", "2025-03-03"},
		{"12. März 2024", "2024-03-12"},
		{"le 5 février 2023", "2023-02-05"},
		{"2 days ago", "2025-01-25"},
		{"vor 3 Tagen", "2025-01-24"},
		{"hace una semana", "2025-01-20"},
	}
	var wg sync.WaitGroup
	errs := make([]string, len(tests))
	for i, tt := range tests {
		wg.Go(func() {
			cfg := &dps.Configuration{CurrentTime: now}
			d, err := dps.Parse(cfg, tt.in)
			switch {
			case err != nil:
				errs[i] = err.Error()
			case d.Time.Format("2006-01-02") != tt.want:
				errs[i] = d.Time.Format("2006-01-02")
			}
		})
	}
	wg.Wait()
	for i, tt := range tests {
		if errs[i] != "" {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, errs[i], tt.want)
		}
	}
}
