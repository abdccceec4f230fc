// Package tree is extraction's view of a parsed sentence: the dependency
// tree of internal/parse laid over the sentence's tokens, so that the
// figure and attribution stages, which work on token indices, can ask
// grammatical questions — what a number counts, which verb a noun is the
// subject of, what a phrase attaches to — without knowing how tokens
// were cut into words.
//
// Words are numbered from 0 here; Head is -1 for the root word.
package tree

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/geo"
	"github.com/tally-news/tally/internal/parse"
	"github.com/tally-news/tally/internal/tokens"
)

// Sentence is a parsed sentence.
type Sentence struct {
	Toks  []tokens.Token
	Words []parse.Word
	tok   []int   // word → token
	first []int   // token → its first word
	last  []int   // token → its last word
	kids  [][]int // word → dependents, in order
}

var (
	modelOnce sync.Once
	model     *parse.Model
	modelErr  error
)

// Parse parses the sentence of toks with the embedded model. It returns
// nil when the model cannot be loaded (the error says why), so callers
// fall back to reading tokens.
func Parse(toks []tokens.Token) (*Sentence, error) {
	modelOnce.Do(func() { model, modelErr = parse.Default() })
	if modelErr != nil {
		return nil, modelErr
	}
	words, _ := parse.Words(toks)
	// A headline in title case ("US Airstrikes Said to Kill at Least 44")
	// reads to a tagger trained on prose as a string of names; it is
	// parsed in sentence case and keeps its own spelling.
	orig := make([]string, 0, len(words))
	if titleCase(words) {
		for i := range words {
			orig = append(orig, words[i].Form)
			if i > 0 && !keepCase(words[i].Form) {
				words[i].Form = strings.ToLower(words[i].Form)
			}
		}
	}
	model.Parse(words)
	for i, f := range orig {
		words[i].Form = f
	}
	return New(toks, words), nil
}

// titleCase reports a headline whose words mostly start upper case.
func titleCase(words []parse.Word) bool {
	caps, n := 0, 0
	for _, w := range words[min(1, len(words)):] {
		r, _ := utf8.DecodeRuneInString(w.Form)
		if !unicode.IsLetter(r) || len(w.Form) < 4 {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return n >= 3 && caps*4 >= n*3
}

// keepCase keeps acronyms ("US", "UN") and places ("Iraq", "Gaza")
// capitalised in a title-case headline.
func keepCase(form string) bool {
	if len(form) <= 4 && strings.ToUpper(form) == form {
		return true
	}
	_, _, ok := geo.Lookup(form)
	return ok
}

// New lays words (as parse.Words cut them from toks, parsed) over toks.
func New(toks []tokens.Token, words []parse.Word) *Sentence {
	s := &Sentence{Toks: toks, Words: words, tok: make([]int, len(words)),
		first: make([]int, len(toks)), last: make([]int, len(toks)), kids: make([][]int, len(words))}
	for i := range s.first {
		s.first[i], s.last[i] = -1, -1
	}
	for w, x := range words {
		s.tok[w] = x.Token
		if x.Token >= 0 && x.Token < len(toks) {
			if s.first[x.Token] < 0 {
				s.first[x.Token] = w
			}
			s.last[x.Token] = w
		}
		if h := x.Head - 1; h >= 0 && h < len(words) {
			s.kids[h] = append(s.kids[h], w)
		}
	}
	return s
}

// Len is the number of words.
func (s *Sentence) Len() int { return len(s.Words) }

// Head returns w's head word, or -1 for the root (and for w = -1).
func (s *Sentence) Head(w int) int {
	if w < 0 || w >= len(s.Words) {
		return -1
	}
	return s.Words[w].Head - 1
}

// Rel returns w's relation with its subtype ("acl:relcl"); "" for -1.
func (s *Sentence) Rel(w int) string {
	if w < 0 || w >= len(s.Words) {
		return ""
	}
	return s.Words[w].Rel
}

// URel returns w's universal relation ("acl" for "acl:relcl").
func (s *Sentence) URel(w int) string {
	r := s.Rel(w)
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

// Lemma returns w's lemma, lower-cased; "" for -1.
func (s *Sentence) Lemma(w int) string {
	if w < 0 || w >= len(s.Words) {
		return ""
	}
	return strings.ToLower(s.Words[w].Lemma)
}

// Lower returns w's form, lower-cased.
func (s *Sentence) Lower(w int) string {
	if w < 0 || w >= len(s.Words) {
		return ""
	}
	return strings.ToLower(s.Words[w].Form)
}

// POS returns w's UPOS tag.
func (s *Sentence) POS(w int) string {
	if w < 0 || w >= len(s.Words) {
		return ""
	}
	return s.Words[w].UPOS
}

// Kids returns w's dependents in word order.
func (s *Sentence) Kids(w int) []int {
	if w < 0 || w >= len(s.kids) {
		return nil
	}
	return s.kids[w]
}

// Kid returns w's first dependent whose universal relation is one of
// rels, or -1.
func (s *Sentence) Kid(w int, rels ...string) int {
	for _, k := range s.Kids(w) {
		if isOne(s.URel(k), rels) || isOne(s.Rel(k), rels) {
			return k
		}
	}
	return -1
}

// Case returns the lemma of w's case marker ("of" in "of them",
// "according" in "according to X"), or "".
func (s *Sentence) Case(w int) string {
	for _, k := range s.Kids(w) {
		if s.URel(k) == "case" {
			return s.Lemma(k)
		}
	}
	return ""
}

func isOne(r string, rels []string) bool {
	for _, x := range rels {
		if r == x {
			return true
		}
	}
	return false
}

// Token returns the token index of word w.
func (s *Sentence) Token(w int) int {
	if w < 0 || w >= len(s.tok) {
		return -1
	}
	return s.tok[w]
}

// WordOf returns the last word of token t (the word itself for most
// tokens; "Korea" of "Korea's" is its first), or -1.
func (s *Sentence) WordOf(t int) int {
	if t < 0 || t >= len(s.last) {
		return -1
	}
	return s.last[t]
}

// FirstWordOf returns the first word of token t, or -1.
func (s *Sentence) FirstWordOf(t int) int {
	if t < 0 || t >= len(s.first) {
		return -1
	}
	return s.first[t]
}

// HeadIn returns the word of tokens [first, last] whose head lies
// outside them (the highest such), or -1: the head of a phrase.
func (s *Sentence) HeadIn(first, last int) int {
	a, b := s.FirstWordOf(first), s.WordOf(last)
	if a < 0 || b < 0 {
		return -1
	}
	best := -1
	for w := a; w <= b; w++ {
		if h := s.Head(w); h < a || h > b {
			if best < 0 || s.Depth(w) < s.Depth(best) {
				best = w
			}
		}
	}
	return best
}

// Depth is w's distance from the root word (0 for the root).
func (s *Sentence) Depth(w int) int {
	d := 0
	for h := s.Head(w); h >= 0 && d <= len(s.Words); h = s.Head(h) {
		d++
	}
	return d
}

// Dominates reports whether a is w or one of its ancestors.
func (s *Sentence) Dominates(a, w int) bool {
	for n := 0; w >= 0 && n <= len(s.Words); n++ {
		if w == a {
			return true
		}
		w = s.Head(w)
	}
	return false
}

// Span returns the first and last word of w's subtree.
func (s *Sentence) Span(w int) (int, int) {
	lo, hi := w, w
	for _, k := range s.Kids(w) {
		a, b := s.Span(k)
		lo, hi = min(lo, a), max(hi, b)
	}
	return lo, hi
}

// TokenSpan returns the first and last token of words [a, b].
func (s *Sentence) TokenSpan(a, b int) (int, int) { return s.Token(a), s.Token(b) }
