package numbers

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/tally-news/tally/internal/tokens"
)

// describe renders a phrase as "text|qualifier|value|low|high" with "-" for
// a missing value or bound.
func describe(s string, p Phrase) string {
	f := func(ok bool, v float64) string {
		if !ok {
			return "-"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s", s[p.Start:p.End], p.Qualifier, f(p.HasValue, p.Value), f(p.HasLow, p.Low), f(p.HasHigh, p.High))
}

func TestFind(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1,100 casualties", "1,100|exact|1100|1100|1100"},
		{"around 1,100 casualties", "around 1,100|approx|1100|-|-"},
		{"More than 1,000 soldiers", "More than 1,000|min|1000|1000|-"},
		{"at least 100 killed", "at least 100|min|100|100|-"},
		{"up to 12,000 troops", "up to 12,000|max|12000|-|12000"},
		{"as many as 6,700 containers", "as many as 6,700|max|6700|-|6700"},
		{"fewer than 50 people", "fewer than 50|max|50|-|50"},
		{"10,000 to 12,000 troops", "10,000 to 12,000|range|10000|10000|12000"},
		{"10,000-12,000 troops", "10,000-12,000|range|10000|10000|12000"},
		{"between 10,000 and 12,000 soldiers", "between 10,000 and 12,000|range|10000|10000|12000"},
		{"11,000 to 12,000 troops", "11,000 to 12,000|range|11000|11000|12000"},
		{"thousands of troops", "thousands|vague|-|-|-"},
		{"tens of thousands of civilians", "tens of thousands|vague|-|-|-"},
		{"hundreds of thousands of people", "hundreds of thousands|vague|-|-|-"},
		{"several hundred pilgrims", "several hundred|vague|-|-|-"},
		{"dozens were hurt", "dozens|vague|-|-|-"},
		{"scores trapped", "scores|vague|-|-|-"},
		{"1.5 million refugees", "1.5 million|exact|1500000|1500000|1500000"},
		{"11 000 soldiers", "11 000|exact|11000|11000|11000"},
		{"More than 100, 000 refugees", "More than 100, 000|min|100000|100000|-"},
		{"3k troops", "3k|exact|3000|3000|3000"},
		{"1.9m people", "1.9m|exact|1900000|1900000|1900000"},
		{"three people", "three|exact|3|3|3"},
		{"a dozen soldiers", "a dozen|exact|12|12|12"},
		{"two dozen soldiers", "two dozen|exact|24|24|24"},
		{"at least three dozen people", "at least three dozen|min|36|36|-"},
		{"two hundred and fifty people", "two hundred and fifty|exact|250|250|250"},
		{"27-hundred troops", "27-hundred|exact|2700|2700|2700"},
		{"twenty-five people", "twenty-five|exact|25|25|25"},
		{"half a million refugees", "half a million|exact|500000|500000|500000"},
		{"more than half a million", "more than half a million|min|500000|500000|-"},
		{"three million shells", "three million|exact|3000000|3000000|3000000"},
		{"3,000 or more", "3,000 or more|min|3000|3000|-"},
		{"exceeded 3,000", "exceeded 3,000|min|3000|3000|-"},
		{"an estimated 770 lives", "an estimated 770|approx|770|-|-"},
		{"Some 3.7 million people", "Some 3.7 million|approx|3700000|-|-"},
		{"nearly 6.5 million", "nearly 6.5 million|approx|6500000|-|-"},
		{"an estimated 117.3 million", "an estimated 117.3 million|approx|117300000|-|-"},
		{"240mm rocket launchers", "240mm|exact|240|240|240"},
		{"SEVEN KILLED", "SEVEN|exact|7|7|7"},
		{"two or three people", "two or three|range|2|2|3"},
		{"rose from 50 to 62", "50|exact|50|50|50"},
		{"1,000-plus troops", "1,000-plus|min|1000|1000|-"},
	}
	for _, tc := range tests {
		toks := tokens.Tokenize(tc.in, 0, len(tc.in))
		ps := Find(toks)
		if len(ps) == 0 {
			t.Errorf("Find(%q) found nothing, want %s", tc.in, tc.want)
			continue
		}
		if got := describe(tc.in, ps[0]); got != tc.want {
			t.Errorf("Find(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestUnitsAndNonNumbers(t *testing.T) {
	toks := tokens.Tokenize("240mm launchers and 10th day", 0, 28)
	ps := Find(toks)
	if len(ps) != 2 || ps[0].Unit != "mm" || ps[1].Unit != "th" {
		t.Errorf("units: %+v", ps)
	}
	for _, s := range []string{"a man", "the tens", "half the people", "an hour"} {
		if ps := Find(tokens.Tokenize(s, 0, len(s))); len(ps) != 0 {
			t.Errorf("Find(%q) = %+v, want none", s, ps)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"between 10,000 and 12,000", "half a million", "27-hundred", "100, 000", "1.9m", "two hundred and fifty", "9,9.9e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := tokens.Tokenize(s, 0, len(s))
		prev := -1
		for _, p := range Find(toks) {
			if p.First > p.NumFirst || p.NumLast > p.Last || p.First <= prev || p.Last >= len(toks) {
				t.Fatalf("bad token range %+v in %q", p, s)
			}
			if p.Start < 0 || p.End > len(s) || p.Start >= p.End {
				t.Fatalf("bad span %+v in %q", p, s)
			}
			if p.HasLow && p.HasHigh && p.Low > p.High {
				t.Fatalf("low > high: %+v in %q", p, s)
			}
			prev = p.Last
		}
	})
}
