package parse

import (
	"bufio"
	"bytes"
	"errors"
	"sort"
	"strings"
)

// lemmatizer gives a word's lemma from its form and tags: the training
// data's own lemma where the rules would get it wrong, and suffix rules
// for verbs, plural nouns and comparatives otherwise. Extraction needs
// lemmas of verbs ("killed", "dies" → kill, die) and plural nouns
// ("casualties" → casualty); other words keep their lower-cased form.
type lemmatizer struct {
	known  map[string]bool   // lemmas ending in "e" seen in training, for e-restoring ("injur" → "injure")
	except map[string]string // "form\tXPOS" → lemma where the rules fail
}

func (z *lemmatizer) lemma(form, upos, xpos string) string {
	low := strings.ToLower(normaliseQuotes(form))
	if l, ok := z.except[low+"\t"+xpos]; ok {
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

// rule is the lemma the suffix rules give.
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
		if s, ok := strings.CutSuffix(low, "ed"); ok && len(s) >= 2 {
			return z.stem(s, low)
		}
	case "VBG":
		if s, ok := strings.CutSuffix(low, "ing"); ok && len(s) >= 2 {
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
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
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

func (z *lemmatizer) verbS(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zes"), strings.HasSuffix(w, "oes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

// stem mends a verb stem after "-ed" or "-ing" is cut: "stopp" → "stop",
// "carri" → "carry", "injur" → "injure", "di" → "die".
func (z *lemmatizer) stem(s, whole string) string {
	n := len(s)
	switch {
	case strings.HasSuffix(whole, "ied") && n > 1 && s[n-1] == 'i':
		return s[:n-1] + "y"
	case n >= 2 && s[n-1] == s[n-2] && isConsonant(s[n-1]) && !strings.ContainsRune("lsz", rune(s[n-1])):
		return s[:n-1]
	case z.known[s+"e"] && !z.known[s]:
		return s + "e"
	case n == 1:
		return s + "e"
	}
	return s
}

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiouy", rune(c))
}

// learnLemmas builds a lemmatizer from training sentences.
func learnLemmas(sents []Sentence) *lemmatizer {
	z := &lemmatizer{known: map[string]bool{}, except: map[string]string{}}
	type key struct{ form, upos, xpos string }
	counts := map[key]map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" {
				continue
			}
			if l := strings.ToLower(w.Lemma); strings.HasSuffix(l, "e") {
				z.known[l] = true
			}
			k := key{strings.ToLower(normaliseQuotes(w.Form)), w.UPOS, w.XPOS}
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
			z.except[k.form+"\t"+k.xpos] = best
		}
	}
	return z
}

// encode writes the lemmatizer as lines: "=lemma" for known lemmas that
// e-restoring needs, "form\tXPOS\tlemma" for exceptions.
func (z *lemmatizer) encode() []byte {
	var lines []string
	for l := range z.known {
		if !strings.ContainsAny(l, "\t\n") {
			lines = append(lines, "="+l)
		}
	}
	for k, l := range z.except {
		if !strings.ContainsAny(l, "\t\n") {
			lines = append(lines, k+"\t"+l)
		}
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n") + "\n")
}

func decodeLemmas(b []byte) (*lemmatizer, error) {
	z := &lemmatizer{known: map[string]bool{}, except: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if l, ok := strings.CutPrefix(line, "="); ok {
			z.known[l] = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			if line == "" {
				continue
			}
			return nil, errors.New("model: bad lemma line")
		}
		z.except[f[0]+"\t"+f[1]] = f[2]
	}
	return z, sc.Err()
}
