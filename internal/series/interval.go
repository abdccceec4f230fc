package series

import (
	"encoding/json"
	"math"
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

// ApproxTolerance is the relative width allowed around an approximate
// figure: "around 1,100" is read as [990, 1,210]. Ten per cent is wide
// enough for the rounding newsrooms apply ("some 1,100" for 1,137) and
// narrow enough that 1,100 and 3,000 stay apart.
const ApproxTolerance = 0.10

// Interval is the set of true counts a figure allows. High is +Inf when
// the figure sets no upper bound ("more than 1,000"). Counts are never
// negative, so Low is at least 0.
type Interval struct {
	Low, High float64
}

// Open reports whether the interval has no upper bound.
func (iv Interval) Open() bool { return math.IsInf(iv.High, 1) }

// Point reports whether the interval is a single value.
func (iv Interval) Point() bool { return iv.Low == iv.High }

// Overlaps reports whether both intervals can hold at once.
func (iv Interval) Overlaps(o Interval) bool {
	return iv.Low <= o.High && o.Low <= iv.High
}

// Contains reports whether v lies in the interval.
func (iv Interval) Contains(v float64) bool { return iv.Low <= v && v <= iv.High }

// intervalJSON is Interval on the wire: JSON has no infinity, so an open
// upper bound is null, as `high` is in the figure contract.
type intervalJSON struct {
	Low  float64  `json:"low"`
	High *float64 `json:"high"`
}

// MarshalJSON writes {"low":990,"high":1210}, with "high":null when open.
func (iv Interval) MarshalJSON() ([]byte, error) {
	w := intervalJSON{Low: iv.Low}
	if !iv.Open() {
		h := iv.High
		w.High = &h
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (iv *Interval) UnmarshalJSON(b []byte) error {
	var w intervalJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	iv.Low, iv.High = w.Low, math.Inf(1)
	if w.High != nil {
		iv.High = *w.High
	}
	return nil
}

// unknown is what an unreadable vague phrase allows: at least one.
var unknown = Interval{1, math.Inf(1)}

// IntervalOf is the interval a figure allows, from its qualifier and
// bounds as written (DESIGN.md's qualifier table):
//
//	exact  1,100             [1100, 1100]
//	approx around 1,100      [990, 1210]   ±ApproxTolerance
//	approx nearly 1,100      [990, 1100]   "nearly", "almost", "just under"… never exceed
//	min    more than 1,000   [1000, +Inf)
//	max    up to 12,000      [0, 12000]
//	range  10,000 to 12,000  [10000, 12000]
//	vague  thousands         [2000, 9999]  see VagueInterval
//
// A figure whose numbers do not fit its qualifier (an exact figure without
// a value, say) falls back to reading number_text as a vague phrase, so a
// bad row widens an interval instead of inventing a number.
func IntervalOf(f claim.Figure) Interval {
	val := func(ps ...*float64) (float64, bool) {
		for _, p := range ps {
			if p != nil && !math.IsNaN(*p) && !math.IsInf(*p, 0) {
				return math.Max(*p, 0), true
			}
		}
		return 0, false
	}
	switch f.Qualifier {
	case claim.Exact:
		if v, ok := val(f.Value, f.Low, f.High); ok {
			return Interval{v, v}
		}
	case claim.Approx:
		if v, ok := val(f.Value, f.Low, f.High); ok {
			d := v * ApproxTolerance
			if neverAbove(f.NumberText) {
				return Interval{v - d, v}
			}
			return Interval{v - d, v + d}
		}
	case claim.Min:
		if v, ok := val(f.Low, f.Value); ok {
			return Interval{v, math.Inf(1)}
		}
	case claim.Max:
		if v, ok := val(f.High, f.Value); ok {
			return Interval{0, v}
		}
	case claim.Range:
		lo, okl := val(f.Low, f.Value)
		hi, okh := val(f.High)
		switch {
		case okl && okh:
			return Interval{math.Min(lo, hi), math.Max(lo, hi)}
		case okl:
			return Interval{lo, math.Inf(1)}
		case okh:
			return Interval{0, hi}
		}
	}
	return VagueInterval(f.NumberText)
}

// neverAbove reports approximate phrases that put the figure at or below
// the number: "nearly 890" is 890 at most.
func neverAbove(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, p := range []string{"nearly ", "almost ", "just under ", "just below ", "close to ", "approaching ", "not quite "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// vagueScales are the number words a vague phrase multiplies by.
var vagueScales = map[string]float64{
	"ten": 10, "dozen": 12, "score": 20, "hundred": 100, "thousand": 1e3,
	"million": 1e6, "billion": 1e9,
}

// vagueQuantifiers are the words that give a vague phrase its multiplier,
// as [low, high]: "several hundred" is 3 to 9 hundreds.
var vagueQuantifiers = map[string]Interval{
	"several": {3, 9}, "few": {2, 9}, "couple": {2, 3}, "handful": {2, 9},
	"dozens": {24, 99}, "scores": {40, 99}, "tens": {20, 99},
	"hundreds": {200, 999}, "thousands": {2000, 9999},
	"millions": {2e6, 1e7 - 1}, "billions": {2e9, 1e10 - 1},
}

// Modifiers that open a vague phrase's interval: "at least several
// million" sets no upper bound, "up to thousands" no lower one.
var (
	vagueMinPrefixes = []string{"more than ", "over ", "at least ", "upwards of ", "upward of ", "in excess of ",
		"well over ", "well above ", "above ", "exceeding ", "no fewer than ", "no less than ", "not less than "}
	vagueMaxPrefixes = []string{"up to ", "as many as ", "fewer than ", "less than ", "at most ", "under ",
		"no more than ", "not more than "}
)

// VagueInterval reads a vague quantity phrase ("dozens", "tens of
// thousands", "several hundred", "at least several million") into the
// range it conventionally means. The readings are ours, documented so a
// reader can argue with them:
//
//	dozens [24, 99]           scores [40, 99]         tens [20, 99]
//	hundreds [200, 999]       thousands [2000, 9999]  millions [2e6, 1e7−1]
//	several [3, 9]            a few [2, 9]            a handful [2, 9]
//
// A scale word after a quantifier multiplies it, the upper end reaching
// just below the next step: "several hundred" [300, 999], "tens of
// thousands" [20000, 99999], "hundreds of thousands" [200000, 999999],
// "several hundred thousand" [300000, 999999]. "more than"/"at least"
// open the top, "up to" sets the bottom to 0. Anything unreadable allows
// at least one: [1, +Inf).
func VagueInterval(text string) Interval {
	t := strings.ToLower(strings.Join(strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}), " ")) + " "
	openHigh, openLow := false, false
	for _, p := range vagueMinPrefixes {
		if strings.HasPrefix(t, p) {
			t, openHigh = t[len(p):], true
			break
		}
	}
	if !openHigh {
		for _, p := range vagueMaxPrefixes {
			if strings.HasPrefix(t, p) {
				t, openLow = t[len(p):], true
				break
			}
		}
	}
	if strings.HasSuffix(t, " or more ") {
		openHigh = true
	}
	var iv Interval
	have := false
	for _, w := range strings.Fields(t) {
		if q, ok := vagueQuantifiers[w]; ok && !have {
			iv, have = q, true
			continue
		}
		s, ok := vagueScales[w]
		if !ok {
			// A plural scale after a quantifier multiplies it: "tens of
			// thousands".
			if p, plural := strings.CutSuffix(w, "s"); plural && have {
				s, ok = vagueScales[p]
			}
		}
		if !ok {
			continue // "of", "a", "some", the counted noun…
		}
		if !have {
			iv, have = Interval{s, s}, true // "a hundred"
			continue
		}
		// [lo, hi] units of s, hi reaching to just below the next unit.
		iv = Interval{iv.Low * s, (iv.High+1)*s - 1}
	}
	if !have {
		return unknown
	}
	if openHigh {
		iv.High = math.Inf(1)
	}
	if openLow {
		iv.Low = 0
	}
	return iv
}
