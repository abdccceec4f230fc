package eval

import (
	"math"
	"sort"
	"strings"
)

// The matching rules of /work/shared/eval/score.py, one function each,
// named after their Python originals. The comment above each gives the
// Python it ports; change them together or the scores drift apart.

// vagueWindows: (phrase, low, high); the first phrase found in the gold
// number_text wins, so longer phrases come before their tails.
var vagueWindows = []struct {
	phrase   string
	low, top float64
}{
	{"hundreds of thousands", 100_000, 999_999},
	{"tens of thousands", 10_000, 99_999},
	{"several hundred", 100, 999},
	{"several million", 1_000_000, 999_999_999},
	{"millions", 1_000_000, 999_999_999},
	{"thousands", 1_000, 99_999},
	{"hundreds", 100, 9_999},
	{"dozens", 12, 999},
	{"several", 2, 999},
	{"numerous", 2, 999},
	{"multiple", 2, 999},
}

// normWords lower-cases, drops a possessive 's, turns punctuation into
// spaces, splits on whitespace and drops a leading "the":
//
//	s = str(s).lower()
//	s = re.sub(r"['\u2019]s\b", "", s)
//	s = re.sub(r"[^\w\s]", " ", s)
//	words = s.split(); drop words[0] == "the"
func normWords(v any) []string {
	if v == nil {
		return nil
	}
	rs := []rune(pyLower(pyStr(v)))
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if (r == '\'' || r == '\u2019') && i+1 < len(rs) && rs[i+1] == 's' &&
			(i+2 == len(rs) || !pyIsWord(rs[i+2])) {
			i++ // the regex consumes both; \b needs a non-word after the s
			continue
		}
		if !pyIsWord(r) && !pyIsSpace(r) {
			r = ' '
		}
		out = append(out, r)
	}
	words := strings.FieldsFunc(string(out), pyIsSpace)
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	return words
}

// wordEq: identical, or a common prefix of at least 4 code points that
// covers 2/3 of the shorter word (Korea/Korean, Ukraine/Ukrainian).
func wordEq(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n >= 4 && n*3 >= 2*min(len(ra), len(rb))
}

// contains: small appears as a contiguous run of word_eq words in big.
func contains(big, small []string) bool {
	if len(small) == 0 || len(small) > len(big) {
		return false
	}
outer:
	for i := 0; i+len(small) <= len(big); i++ {
		for j := range small {
			if !wordEq(big[i+j], small[j]) {
				continue outer
			}
		}
		return true
	}
	return false
}

// strMatch: equal word by word, or either contains the other.
func strMatch(a, b any) bool {
	wa, wb := normWords(a), normWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if len(wa) == len(wb) {
		eq := true
		for i := range wa {
			if !wordEq(wa[i], wb[i]) {
				eq = false
				break
			}
		}
		if eq {
			return true
		}
	}
	return contains(wa, wb) || contains(wb, wa)
}

func isPublisher(words []string) bool { return len(words) == 1 && words[0] == "publisher" }

// sourceMatch: a gold "the publisher" accepts an empty or "publisher"
// prediction or the doc's publisher name; otherwise the prediction must
// str_match the gold source or one of its source_aliases.
func sourceMatch(gold, pred map[string]any, publisher any) bool {
	ps := pred["source"]
	gs := gold["source"]
	if gs != nil && isPublisher(normWords(gs)) {
		pw := normWords(ps)
		if ps == nil || len(pw) == 0 || isPublisher(pw) {
			return true
		}
		return pyTruthy(publisher) && strMatch(publisher, ps)
	}
	names := []any{gs}
	// list(x or []): a list as is, a string as its characters.
	switch al := gold["source_aliases"].(type) {
	case []any:
		names = append(names, al...)
	case []string:
		for _, s := range al {
			names = append(names, s)
		}
	case string:
		for _, r := range al {
			names = append(names, string(r))
		}
	case map[string]any:
		for k := range al {
			names = append(names, k)
		}
	}
	for _, n := range names {
		if pyTruthy(n) && strMatch(n, ps) {
			return true
		}
	}
	return false
}

// countedMatch: no gold counted accepts anything.
func countedMatch(gold, pred map[string]any) bool {
	gc := gold["counted"]
	if gc == nil {
		return true
	}
	return strMatch(gc, pred["counted"])
}

func vagueWindow(numberText any) (lo, hi float64, ok bool) {
	t := ""
	if pyTruthy(numberText) {
		t = pyLower(pyStr(numberText))
	}
	for _, w := range vagueWindows {
		if strings.Contains(t, w.phrase) {
			return w.low, w.top, true
		}
	}
	return 0, 0, false
}

// measureKey is str(x.get("measure", "")).strip().lower().
func measureKey(m map[string]any) string {
	v, ok := m["measure"]
	if !ok {
		return ""
	}
	return pyLower(pyStrip(pyStr(v)))
}

// figureMatch: same measure, and same value within 1e-6 relative; a
// vague gold (value None) takes a None prediction or one inside its
// window (any value when no window phrase is found).
func figureMatch(gold, pred map[string]any) bool {
	if measureKey(gold) != measureKey(pred) {
		return false
	}
	gv, gok := toNumber(gold["value"])
	pv, pok := toNumber(pred["value"])
	if !gok {
		if !pok {
			return true
		}
		lo, hi, ok := vagueWindow(gold["number_text"])
		return !ok || (lo <= pv && pv <= hi)
	}
	if !pok {
		return false
	}
	return math.Abs(gv-pv) <= 1e-6*math.Max(1.0, math.Abs(gv))
}

type pair struct{ gold, pred int }

// greedy pairs each gold with the first unused prediction it accepts,
// gold figures whose raw value is not None first (stable), so a vague
// gold never takes a prediction an exact one could use.
func greedy(golds, preds []map[string]any, ok func(g, p map[string]any) bool) []pair {
	order := make([]int, len(golds))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return golds[order[a]]["value"] != nil && golds[order[b]]["value"] == nil
	})
	used := make([]bool, len(preds))
	var pairs []pair
	for _, gi := range order {
		for pi, p := range preds {
			if used[pi] {
				continue
			}
			if ok(golds[gi], p) {
				used[pi] = true
				pairs = append(pairs, pair{gi, pi})
				break
			}
		}
	}
	return pairs
}
