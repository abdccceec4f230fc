package parse

import (
	"sync"

	"github.com/tally-news/tally/internal/tokens"
)

// scratch is one parse's working memory, pooled so that parsing a
// document's sentences allocates next to nothing.
type scratch struct {
	lx     []lex
	t1     []uint8
	tags   []uint8
	st     []uint8
	scores [256]int32 // classes are bytes, so no model can index past it
	feats  []uint64
	c      config
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Parse tags, lemmatises and parses words in place: Form must be set;
// UPOS, XPOS, Lemma, Head and Rel are filled.
func (m *Model) Parse(words []Word) {
	if len(words) == 0 {
		return
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.lx = s.lx[:0]
	for i := range words {
		s.lx = append(s.lx, makeLex(words[i].Form))
	}
	m.lexicon.fill(s.lx)
	n := len(words)
	if cap(s.tags) < n {
		s.t1, s.tags, s.st = make([]uint8, n), make([]uint8, n), make([]uint8, n)
	}
	s.t1, s.tags, s.st = s.t1[:n], s.tags[:n], s.st[:n]
	nt, amb := len(m.UPOS), m.lexicon.used()
	label(m.tag1, nt, m.lexicon, amb, s.lx, nil, s.t1, s.scores[:], &s.feats)
	label(m.tag2, nt, m.lexicon, amb, s.lx, s.t1, s.tags, s.scores[:], &s.feats)
	label(m.super, len(m.Super), nil, amb, s.lx, s.tags, s.st, s.scores[:], &s.feats)
	m.parse(&s.c, s.lx, s.tags, s.st, s.scores[:], &s.feats)
	for i := range words {
		w := &words[i]
		t := s.tags[i]
		w.UPOS, w.XPOS = m.UPOS[t], m.XPOS[t]
		w.Lemma = m.lemmas.lemma(w.Form, w.UPOS, w.XPOS)
		w.Head = int(s.c.head[i+1])
		w.Rel = m.Labels[s.c.rel[i+1]]
	}
}

// ParseTokens cuts a sentence's tokens into words (see Words) and parses
// them.
func (m *Model) ParseTokens(toks []tokens.Token) Sentence {
	words, mwt := Words(toks)
	m.Parse(words)
	return Sentence{Words: words, Tokens: mwt}
}
