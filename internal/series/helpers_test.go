package series

import (
	"strconv"
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

func fp(v float64) *float64 { return &v }
func sp(v string) *string   { return &v }

// parseText reads a test number phrase the way the extractor labels it
// (DESIGN.md's qualifier table), so test reports are written as wire copy
// says them: "around 1,100", "more than 1,000", "10,000 to 12,000".
func parseText(text string) (qual string, value, low, high *float64) {
	t := strings.ToLower(text)
	n := func(s string) *float64 {
		v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), 64)
		if err != nil {
			return nil
		}
		return &v
	}
	for _, p := range []string{"around ", "about ", "some ", "nearly ", "almost ", "an estimated "} {
		if rest, ok := strings.CutPrefix(t, p); ok && n(rest) != nil {
			return claim.Approx, n(rest), nil, nil
		}
	}
	for _, p := range []string{"more than ", "over ", "at least "} {
		if rest, ok := strings.CutPrefix(t, p); ok && n(rest) != nil {
			return claim.Min, n(rest), n(rest), nil
		}
	}
	for _, p := range []string{"up to ", "as many as "} {
		if rest, ok := strings.CutPrefix(t, p); ok && n(rest) != nil {
			return claim.Max, n(rest), nil, n(rest)
		}
	}
	if a, b, ok := strings.Cut(t, " to "); ok && n(a) != nil && n(b) != nil {
		return claim.Range, n(a), n(a), n(b)
	}
	if v := n(t); v != nil {
		return claim.Exact, v, v, v
	}
	return claim.Vague, nil, nil, nil
}

// wire is one report as a wire story would carry it: doc published on a
// date, a source stating a figure about a counted group. The figure's own
// date is left unknown (it defaults to the publication date); set
// r.Date, r.Via, r.Location or r.Duplicate to vary it.
func wire(id int64, doc, published, source, text, measure, counted string) Report {
	q, v, lo, hi := parseText(text)
	r := Report{ID: id, Doc: doc, URL: "https://example.com/" + doc, Published: published}
	r.Figure = claim.Figure{
		Doc: doc, Sentence: source + " said " + text + " " + measure + ".", NumberText: text,
		Value: v, Low: lo, High: hi, Qualifier: q, Measure: measure, Source: source,
	}
	if counted != "" {
		r.Counted = sp(counted)
	}
	return r
}

// Names used across tests.
const (
	jcs      = "Joint Chiefs of Staff (South Korea)"
	nis      = "National Intelligence Service (South Korea)"
	zelensky = "Volodymyr Zelensky"
	kirby    = "John Kirby (White House)"
	lawmaker = "Lee Seong-kweun"
	nk       = "North Korea"
)

func withVia(r Report, via string) Report    { r.Via = sp(via); return r }
func withDate(r Report, d string) Report     { r.Date = sp(d); return r }
func withLocation(r Report, l string) Report { r.Location = sp(l); return r }
func duplicate(r Report) Report              { r.Duplicate = true; return r }

// cumulative marks a report a running total, as extraction would for
// "so far".
func asTotal(r Report) Report { r.Scope = claim.ScopeCumulative; return r }
