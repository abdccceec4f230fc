// Package numbers finds number phrases in a sentence's tokens and reads
// their value, bounds and qualifier as DESIGN.md's qualifier table gives
// them: "around 1,100" → approx 1100; "10,000 to 12,000" → range;
// "thousands" → vague. It knows nothing about what a number counts; that is
// the figures stage's job.
package numbers

import (
	"math"
	"strconv"
	"strings"

	"github.com/tally-news/tally/internal/tokens"
)

// Phrase is one number phrase.
type Phrase struct {
	// First and Last are the token indices of the whole phrase, modifiers
	// included; NumFirst and NumLast those of the number itself (of its
	// first number, for a range).
	First, Last       int
	NumFirst, NumLast int
	Start, End        int // byte span of the whole phrase in the text
	Value             float64
	Low, High         float64
	HasValue          bool // false for vague phrases
	HasLow, HasHigh   bool
	Qualifier         string
	// Unit is letters glued to the digits that are not a scale ("mm" in
	// "240mm", "th" in "10th", "s" in "1990s"); such a phrase is a
	// measurement, ordinal or decade, never a count.
	Unit string
	// Digits is true when the number is written with digits.
	Digits bool
	// Words is true when the number is written in words ("three", "a dozen").
	Words bool
}

// Any reports whether toks hold a token that can start a number phrase:
// a cheap test before work that only numbers need (parsing).
func Any(toks []tokens.Token) bool {
	for i := range toks {
		if t := &toks[i]; t.Kind == tokens.Num || t.Kind == tokens.Word && startsNumber[t.Lower] {
			return true
		}
	}
	return false
}

// Find returns the number phrases in toks, in order, without overlaps.
func Find(toks []tokens.Token) []Phrase {
	var out []Phrase
	for i := 0; i < len(toks); i++ {
		// Most tokens cannot start a number: rule them out before
		// building a Phrase.
		if t := &toks[i]; t.Kind != tokens.Num && (t.Kind != tokens.Word || !startsNumber[t.Lower]) {
			continue
		}
		p, ok := parseAt(toks, i)
		if !ok {
			continue
		}
		out = append(out, p)
		i = p.Last
	}
	return out
}

// parseAt reads a number phrase whose number starts at token i.
func parseAt(toks []tokens.Token, i int) (Phrase, bool) {
	v, last, p, ok := number(toks, i)
	if !ok {
		return Phrase{}, false
	}
	p.NumFirst, p.NumLast = i, last
	p.First, p.Last = i, last
	if p.HasValue {
		p.Value = v
		p.Qualifier = "exact"
	} else {
		p.Qualifier = "vague"
	}

	// Range: "10,000 to 12,000", "10,000-12,000", "between 10,000 and 12,000".
	if p.HasValue && p.Unit == "" {
		if j, hi, ok := rangeEnd(toks, last, v); ok {
			between := i >= 1 && toks[i-1].Lower == "between"
			from := i >= 1 && toks[i-1].Lower == "from"
			if toks[last+1].Lower != "and" || between {
				if !from {
					p.Qualifier = "range"
					p.Low, p.High, p.HasLow, p.HasHigh = v, hi, true, true
					p.Last = j
					if between {
						p.First = i - 1
					}
				}
			}
		}
	}

	if p.Qualifier != "range" && p.Unit == "" {
		// Modifier before: longest match ending right before the number.
		for _, m := range preModifiers {
			n := len(m.words)
			if i-n < 0 {
				continue
			}
			match := true
			for k, w := range m.words {
				if toks[i-n+k].Lower != w {
					match = false
					break
				}
			}
			// "a dispute over four exiles", "anger over 12 deaths": "over"
			// after a noun of contention is a preposition.
			if match && n == 1 && m.words[0] == "over" && i >= 2 && contention[toks[i-2].Lower] {
				match = false
			}
			if match {
				if p.HasValue {
					p.Qualifier = m.qual
				}
				p.First = i - n
				break
			}
		}
		// Modifier after: "3,000 or more".
		if p.Qualifier == "exact" {
			for _, m := range postModifiers {
				n := len(m.words)
				if p.Last+n >= len(toks) {
					continue
				}
				match := true
				for k, w := range m.words {
					if toks[p.Last+1+k].Lower != w {
						match = false
						break
					}
				}
				if match {
					p.Qualifier = m.qual
					p.Last += n
					break
				}
			}
		}
	}
	switch p.Qualifier {
	case "exact":
		p.Low, p.High, p.HasLow, p.HasHigh = p.Value, p.Value, true, true
	case "min":
		p.Low, p.HasLow = p.Value, true
	case "max":
		p.High, p.HasHigh = p.Value, true
	}
	p.Start, p.End = toks[p.First].Start, toks[p.Last].End
	return p, true
}

// rangeEnd reads the second number of a range after the number ending at
// token last: "to 12,000", "-12,000", "and 12,000", "or three".
func rangeEnd(toks []tokens.Token, last int, lo float64) (int, float64, bool) {
	if last+2 >= len(toks) {
		return 0, 0, false
	}
	sep := toks[last+1]
	if !(sep.Lower == "to" || sep.Lower == "and" || sep.Lower == "or" || sep.Text == "-" || sep.Text == "–" || sep.Text == "—") {
		return 0, 0, false
	}
	hi, j, q, ok := number(toks, last+2)
	if !ok || !q.HasValue || q.Unit != "" || hi <= lo {
		return 0, 0, false
	}
	return j, hi, true
}

// number reads a number starting at token i: digits, words or a vague
// quantity. It returns its value, the index of its last token and the
// partly filled phrase (HasValue, Unit, Digits, Words).
func number(toks []tokens.Token, i int) (float64, int, Phrase, bool) {
	t := toks[i]
	var p Phrase
	switch {
	case t.Kind == tokens.Num:
		v, unit, ok := parseDigits(t.Lower)
		if !ok {
			return 0, 0, p, false
		}
		p.Digits, p.HasValue = true, true
		last := i
		if unit != "" {
			if s, ok := suffixScales[unit]; ok && !(unit == "m" && !strings.Contains(t.Text, ".") && v < 1000 && followedByLength(toks, i)) {
				v = scale(v, s)
			} else {
				p.Unit = unit
				return v, last, p, true
			}
		}
		// "11 000": a group of three digits after a single space; "100, 000".
		for last+1 < len(toks) {
			n := toks[last+1]
			if n.Kind == tokens.Num && len(n.Text) == 3 && allDigits(n.Text) && !strings.ContainsAny(toks[last].Text, ",.") && n.SpaceBefore && n.Start-toks[last].End == 1 && v < 1000 {
				v = v*1000 + atof(n.Text)
				last++
				continue
			}
			if n.Text == "," && last+2 < len(toks) && toks[last+2].Text == "000" && v < 1000 && !strings.Contains(toks[last].Text, ",") {
				v *= 1000
				last += 2
				continue
			}
			break
		}
		// Scale words: "1.5 million", "27-hundred".
		v, last = applyScales(toks, last, v)
		return v, last, p, true
	case t.Kind == tokens.Word && startsNumber[t.Lower]:
		return wordNumber(toks, i)
	}
	return 0, 0, p, false
}

// followedByLength reports whether a number with an "m" suffix is a length
// rather than millions: "a 5m wall" is rare in news, but "5m tall" is not.
func followedByLength(toks []tokens.Token, i int) bool {
	if i+1 < len(toks) {
		switch toks[i+1].Lower {
		case "tall", "high", "long", "wide", "deep", "away", "metres", "meters":
			return true
		}
	}
	return false
}

func applyScales(toks []tokens.Token, last int, v float64) (float64, int) {
	for last+1 < len(toks) {
		n := toks[last+1]
		if s, ok := scales[n.Lower]; ok {
			v = scale(v, s)
			last++
			continue
		}
		// "27-hundred"
		if n.Text == "-" && last+2 < len(toks) {
			if s, ok := scales[toks[last+2].Lower]; ok && !toks[last+2].SpaceBefore {
				v = scale(v, s)
				last += 2
				continue
			}
		}
		break
	}
	return v, last
}

// startsNumber holds every word a written-out number can start with; one
// lookup rules out all other words.
var startsNumber = func() map[string]bool {
	m := map[string]bool{"a": true, "an": true, "half": true, "dozen": true}
	for w := range units {
		m[w] = true
	}
	for w := range vagueWords {
		m[w] = true
	}
	return m
}()

// wordNumber reads number words: "three", "a dozen", "two hundred and
// fifty", "half a million", "twenty-five", and vague quantities
// ("thousands", "tens of thousands", "several hundred").
func wordNumber(toks []tokens.Token, i int) (float64, int, Phrase, bool) {
	p := Phrase{Words: true}
	w := toks[i].Lower
	// Vague quantities.
	if vagueWords[w] {
		last := i
		switch w {
		case "tens", "hundreds":
			// "tens of thousands", "hundreds of thousands"
			if i+2 < len(toks) && toks[i+1].Lower == "of" && (toks[i+2].Lower == "thousands" || toks[i+2].Lower == "millions") {
				last = i + 2
			} else if w == "tens" {
				return 0, 0, p, false
			}
		case "several":
			// "several hundred", "several hundred thousand", "several million"
			for last+1 < len(toks) {
				if _, ok := scales[toks[last+1].Lower]; ok {
					last++
					continue
				}
				break
			}
		}
		return 0, last, p, true
	}
	// "a dozen", "a hundred", "a thousand", "half a million".
	if w == "a" || w == "an" {
		if i+1 < len(toks) {
			switch n := toks[i+1].Lower; {
			case n == "dozen":
				p.HasValue = true
				return 12, i + 1, p, true
			case n == "hundred" || n == "thousand" || n == "million" || n == "billion":
				p.HasValue = true
				v, last := applyScales(toks, i, 1)
				return v, last, p, true
			}
		}
		return 0, 0, p, false
	}
	if w == "half" && i+2 < len(toks) && toks[i+1].Lower == "a" {
		if s, ok := scales[toks[i+2].Lower]; ok && s >= 1e3 {
			p.HasValue = true
			v, last := applyScales(toks, i+1, 1)
			return 0.5 * v, last, p, true
		}
		return 0, 0, p, false
	}
	if w == "dozen" {
		p.HasValue = true
		return 12, i, p, true
	}
	u, ok := units[w]
	if !ok {
		return 0, 0, p, false
	}
	p.HasValue = true
	total, current := 0.0, u
	last := i
	for last+1 < len(toks) {
		n := toks[last+1]
		// "twenty-five"
		if n.Text == "-" && last+2 < len(toks) && !n.SpaceBefore && !toks[last+2].SpaceBefore {
			if v, ok := units[toks[last+2].Lower]; ok && v < 10 && current >= 20 && int(current)%10 == 0 {
				current += v
				last += 2
				continue
			}
		}
		// "two dozen", "three dozen"
		if n.Lower == "dozen" && current < 20 {
			current *= 12
			last++
			continue
		}
		if v, ok := units[n.Lower]; ok {
			// "hundred and fifty", "hundred fifty"; two units in a row are
			// two numbers ("one two").
			prev := toks[last].Lower
			if prev == "hundred" || prev == "and" && last >= 1 && toks[last-1].Lower == "hundred" {
				current += v
				last++
				continue
			}
			break
		}
		if n.Lower == "and" && last+2 < len(toks) && toks[last].Lower == "hundred" {
			if _, ok := units[toks[last+2].Lower]; ok {
				last++
				continue
			}
		}
		if s, ok := scales[n.Lower]; ok {
			if s == 100 {
				current *= 100
			} else {
				total += current * s
				current = 0
			}
			last++
			continue
		}
		break
	}
	return total + current, last, p, true
}

// parseDigits reads "1,100", "1.5", "11", "3k", "240mm" (value 240, unit
// "mm"). Commas are thousands separators.
func parseDigits(s string) (float64, string, bool) {
	j := 0
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' || s[j] == '.') {
		j++
	}
	num, unit := strings.ReplaceAll(s[:j], ",", ""), s[j:]
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, "", false
	}
	return v, unit, true
}

// scale multiplies v by s, rounding away float noise: 117.3 million is
// 117300000, not 117300000.00000001.
func scale(v, s float64) float64 {
	return math.Round(v*s*1000) / 1000
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atof(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// contention are nouns after which "over" means "about": "a dispute over
// four exiles".
var contention = map[string]bool{
	"dispute": true, "disputes": true, "row": true, "concern": true, "concerns": true, "anger": true,
	"outrage": true, "talks": true, "fight": true, "battle": true, "protest": true, "protests": true,
	"standoff": true, "clash": true, "clashes": true, "tension": true, "tensions": true, "worries": true,
	"fears": true, "fear": true, "negotiations": true, "crisis": true, "furore": true, "furor": true,
	"uproar": true, "quarrel": true, "wrangle": true, "feud": true, "sanctions": true, "criticism": true,
}
