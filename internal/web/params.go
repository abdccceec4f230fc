package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/series"
	"github.com/tally-news/tally/internal/store"
)

// paramError is a bad query parameter; the API answers 400 with both
// fields, so a client knows which parameter to fix.
type paramError struct {
	Param string
	Msg   string
}

func (e *paramError) Error() string { return e.Param + ": " + e.Msg }

func badParam(param, format string, a ...any) *paramError {
	return &paramError{Param: param, Msg: fmt.Sprintf(format, a...)}
}

// Figure listing limits. The API pages nothing (a ledger can hold
// millions of figures), so every listing is capped; ask for more with
// limit, up to MaxLimit.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
	// maxParamBytes caps a text parameter: no name or search is longer.
	maxParamBytes = 500
)

// filterParams are the query parameters of GET /api/figures and the
// search page: the filters of `tally figures`, with q for its --search.
var filterParams = []string{"measure", "counted", "source", "series", "since", "until", "q", "limit"}

// measures are the valid measure values, as DESIGN.md lists them.
var measures = []string{claim.Killed, claim.Wounded, claim.Casualties, claim.Captured, claim.Missing,
	claim.Deployed, claim.Displaced, claim.Refugees, claim.Arrested, claim.Evacuated, claim.Supplied}

// parseFilter reads a figure filter from query parameters. strict (the
// API) refuses parameters it does not know, so a typo ("serie=") is an
// error rather than a silently unfiltered answer; the pages ignore them.
func parseFilter(q url.Values, strict bool) (store.Filter, *paramError) {
	var f store.Filter
	if strict {
		if err := onlyParams(q, filterParams...); err != nil {
			return f, err
		}
	}
	for _, name := range filterParams {
		if len(q[name]) > 1 {
			return f, badParam(name, "given %d times; give it once", len(q[name]))
		}
		v := q.Get(name)
		if len(v) > maxParamBytes {
			return f, badParam(name, "is %d bytes long; at most %d", len(v), maxParamBytes)
		}
		if !utf8.ValidString(v) {
			return f, badParam(name, "is not valid UTF-8")
		}
	}
	text := func(name string) string { return strings.TrimSpace(q.Get(name)) }
	f.Measure = strings.ToLower(text("measure"))
	if f.Measure != "" && !validMeasure(f.Measure) {
		return f, badParam("measure", "unknown measure %q; valid: %s", f.Measure, strings.Join(measures, ", "))
	}
	f.Counted = text("counted")
	f.Source = text("source")
	if s := text("series"); s != "" {
		k, err := series.ParseKey(s)
		if err != nil {
			return f, badParam("series", "%v", err)
		}
		f.Series = k.String() // the series id, part and place included: one id everywhere
	}
	for _, d := range []struct {
		name string
		to   *string
	}{{"since", &f.Since}, {"until", &f.Until}} {
		v := text(d.name)
		if v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return f, badParam(d.name, "%q is not a date; want YYYY-MM-DD, e.g. 2025-01-27", v)
		}
		*d.to = v
	}
	if f.Since != "" && f.Until != "" && f.Since > f.Until {
		return f, badParam("since", "%s is after until (%s)", f.Since, f.Until)
	}
	if v := text("q"); v != "" {
		if strings.IndexFunc(v, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			return f, badParam("q", "%q has no word to search for", v)
		}
		f.Query = v
	}
	f.Limit = DefaultLimit
	if v := text("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return f, badParam("limit", "%q: want a whole number from 1 to %d", v, MaxLimit)
		}
		f.Limit = n
	}
	return f, nil
}

// onlyParams refuses query parameters other than names.
func onlyParams(q url.Values, names ...string) *paramError {
	for k := range q {
		known := false
		for _, n := range names {
			if k == n {
				known = true
				break
			}
		}
		if !known {
			valid := "none"
			if len(names) > 0 {
				valid = strings.Join(names, ", ")
			}
			return badParam(k, "unknown parameter; valid: %s", valid)
		}
	}
	return nil
}

func validMeasure(m string) bool {
	for _, v := range measures {
		if m == v {
			return true
		}
	}
	return false
}

// parseSeriesKey reads a series key from a path segment.
func parseSeriesKey(s string) (series.Key, *paramError) {
	if len(s) > maxParamBytes || !utf8.ValidString(s) {
		return series.Key{}, badParam("key", "is not a series key")
	}
	k, err := series.ParseKey(s)
	if err != nil {
		return k, badParam("key", "%v; escape the slashes in a URL path: North%%20Korea%%2Fcasualties", err)
	}
	return k, nil
}
