package parse

import (
	"bufio"
	"bytes"
	"errors"
	"sort"
	"strings"
)

// lemmatizer gives a word's lemma from its form and tags: the training
// data's own lemma where the rules would get it wrong, the English
// irregular verbs, and suffix rules for verbs, plural nouns and
// comparatives otherwise. Extraction needs lemmas of verbs ("killed",
// "dies", "risen" → kill, die, rise) and plural nouns ("casualties" →
// casualty); other words keep their lower-cased form.
type lemmatizer struct {
	// known are the verb lemmas and the lemmas ending in "e" seen in
	// training, for mending stems ("injur" → "injure", "add" stays).
	known  map[string]bool
	except map[exceptKey]string // where the rules fail
}

// exceptKey is a lower-cased form with its tags: an exception holds for
// one reading of a form only, so that a rare reading ("that" mistyped for
// "than") cannot stand in for the common one.
type exceptKey struct{ form, upos, xpos string }

func (z *lemmatizer) lemma(form, upos, xpos string) string {
	low := strings.ToLower(normaliseQuotes(form))
	if l, ok := z.except[exceptKey{low, upos, xpos}]; ok {
		return l
	}
	return z.rule(form, low, upos, xpos)
}

func normaliseQuotes(s string) string {
	if !strings.ContainsAny(s, "’‘") {
		return s
	}
	return strings.NewReplacer("’", "'", "‘", "'").Replace(s)
}

// rule is the lemma the irregular verbs and the suffix rules give.
func (z *lemmatizer) rule(form, low, upos, xpos string) string {
	if upos == "PROPN" {
		return form
	}
	switch xpos {
	case "NNS":
		return z.plural(low)
	case "VBZ":
		return z.verbS(low)
	case "VBD", "VBN":
		if l, ok := irregular[low]; ok {
			return l
		}
		if s, ok := strings.CutSuffix(low, "ed"); ok && len(s) >= 2 && hasVowel(s) {
			return z.stem(s, low)
		}
	case "VBG":
		if s, ok := strings.CutSuffix(low, "ing"); ok && len(s) >= 2 && hasVowel(s) {
			return z.stem(s, low)
		}
	}
	return low
}

// plural takes a plural noun to its singular.
func (z *lemmatizer) plural(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "oes"):
		if s := w[:len(w)-1]; z.known[s] {
			return s
		}
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

// verbS takes a verb's third person singular to its lemma.
func (z *lemmatizer) verbS(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && z.known[w[:len(w)-1]]:
		return w[:len(w)-1]
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zzes"), strings.HasSuffix(w, "oes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

// stem mends a verb stem after "-ed" or "-ing" is cut: "stopp" → "stop",
// "carri" → "carry", "injur" → "injure", "di" → "die", "recaptur" →
// "recapture", "escalat" → "escalate". Verbs seen in training decide
// first; a stem never seen is mended by its spelling.
func (z *lemmatizer) stem(s, whole string) string {
	n := len(s)
	doubled := n >= 2 && s[n-1] == s[n-2] && isConsonant(s[n-1])
	switch {
	case n == 2 && (s[1] == 'i' || s[1] == 'y'): // "di", "ti", "dy" (died, tied, dying)
		return s[:1] + "ie"
	case strings.HasSuffix(whole, "ied") && s[n-1] == 'i':
		return s[:n-1] + "y"
	case !doubled && z.known[s+"e"]:
		return s + "e"
	case z.known[s]:
		return s
	case doubled && z.known[s[:n-1]]:
		return s[:n-1]
	}
	for _, p := range verbPrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok && len(rest) >= 3 {
			if r := z.stem(rest, rest+"ed"); z.known[r] {
				return p + r
			}
		}
	}
	switch {
	case doubled && !strings.ContainsRune("lsz", rune(s[n-1])):
		return s[:n-1]
	case doubled && s[n-1] == 'l' && syllables(s) >= 2: // "patrolled"
		return s[:n-1]
	case needsE(s):
		return s + "e"
	}
	return s
}

// verbPrefixes are the prefixes a verb seen in training may take
// ("recaptured" is "re" + "capture").
var verbPrefixes = []string{"counter", "under", "over", "inter", "out", "mis", "dis", "pre", "re", "un", "co", "up"}

// needsE reports whether a verb stem never seen in training is spelt with
// a final "e" that "-ed" and "-ing" took away: a one-syllable stem with
// one vowel before one consonant ("vot", "hop"), and endings no English
// verb ends in without one ("mov", "argu", "forc", "judg", "troubl",
// "realiz", "captur", "declar", "escalat", "provok", "exclud").
func needsE(s string) bool {
	n := len(s)
	last, prev := s[n-1], s[n-2]
	before := byte(0)
	if n >= 3 {
		before = s[n-3]
	}
	// "qu" is a consonant here: "requir", "quot".
	consBefore := isConsonant(before) || before == 'u' && n >= 4 && s[n-4] == 'q'
	switch {
	case syllables(s) == 1 && isConsonant(last) && strings.IndexByte("wxy", last) < 0 && isVowel(prev) && (before == 0 || consBefore):
		return true
	case last == 'v', last == 'u' && prev != 'o', last == 'c', last == 'z' && prev != 'z':
		return true
	case last == 'g':
		return prev == 'd' || prev == 'r' || prev == 'a' && consBefore || prev == 'n' && before != 'o' && before != 'i'
	case last == 'l':
		return strings.IndexByte("bcdfgkptz", prev) >= 0
	case last == 's':
		return isVowel(prev) && (!isVowel(before) || strings.HasSuffix(s, "aus") || strings.HasSuffix(s, "eas") || strings.HasSuffix(s, "ais"))
	case strings.HasSuffix(s, "at"):
		return before != 0 && strings.IndexByte("aeo", before) < 0
	}
	switch s[n-2:] {
	case "ut", "ud", "id", "od", "ur", "ir", "ar", "ak", "ok", "ik", "ib", "in", "il", "um", "am", "im", "ap":
		return consBefore
	}
	return false
}

// syllables counts the vowel groups of s, a rough syllable count.
func syllables(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte("aeiouy", s[i]) >= 0 && !(s[i] == 'y' && i == 0)
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

func isVowel(c byte) bool { return c != 0 && strings.IndexByte("aeiouy", c) >= 0 }

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiouy", rune(c))
}

// learnLemmas builds a lemmatizer from training sentences. Words the
// treebank marks as typos (whose lemma is the word meant) teach nothing.
func learnLemmas(sents []Sentence) *lemmatizer {
	z := &lemmatizer{known: map[string]bool{}, except: map[exceptKey]string{}}
	counts := map[exceptKey]map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" || strings.Contains(w.Feats, "Typo=Yes") {
				continue
			}
			if l := strings.ToLower(w.Lemma); strings.HasSuffix(l, "e") || w.UPOS == "VERB" || w.UPOS == "AUX" {
				z.known[l] = true
			}
			k := exceptKey{strings.ToLower(normaliseQuotes(w.Form)), w.UPOS, w.XPOS}
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][normaliseQuotes(w.Lemma)]++
		}
	}
	for k, ls := range counts {
		best, bn := "", 0
		for l, n := range ls {
			if n > bn || n == bn && l < best {
				best, bn = l, n
			}
		}
		if !strings.EqualFold(z.rule(k.form, k.form, k.upos, k.xpos), best) {
			z.except[k] = best
		}
	}
	return z
}

// encode writes the lemmatizer as lines: "=lemma" for known lemmas,
// "form\tUPOS\tXPOS\tlemma" for exceptions.
func (z *lemmatizer) encode() []byte {
	var lines []string
	for l := range z.known {
		if !strings.ContainsAny(l, "\t\n") {
			lines = append(lines, "="+l)
		}
	}
	for k, l := range z.except {
		if !strings.ContainsAny(l+k.form, "\t\n") {
			lines = append(lines, k.form+"\t"+k.upos+"\t"+k.xpos+"\t"+l)
		}
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n") + "\n")
}

func decodeLemmas(b []byte) (*lemmatizer, error) {
	z := &lemmatizer{known: map[string]bool{}, except: map[exceptKey]string{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if l, ok := strings.CutPrefix(line, "="); ok {
			z.known[l] = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			if line == "" {
				continue
			}
			return nil, errors.New("model: bad lemma line")
		}
		z.except[exceptKey{f[0], f[1], f[2]}] = f[3]
	}
	return z, sc.Err()
}
