package parse

import (
	"encoding/binary"
	"errors"
	"sort"
)

// lexicon is the tagger's dictionary of the training data's words: for
// each normalised form seen often enough, its ambiguity class (the tags
// it was given, as one feature value, so that "include", never a noun in
// training, is not read as one after "the dead") and, for forms seen
// very often, the tags it may take at all. A form seen often with one tag
// only takes that tag without being scored, which also spares the
// tagger most of its work on punctuation and function words.
type lexicon struct {
	entries map[uint64]lexEntry
	masks   []tagMask
}

type tagMask [4]uint64

func (m *tagMask) has(t uint8) bool { return m[t>>6]&(1<<(t&63)) != 0 }
func (m *tagMask) set(t uint8)      { m[t>>6] |= 1 << (t & 63) }

type lexEntry struct {
	amb  uint64 // hash of the ambiguity class
	mask int32  // index of the allowed tags in masks, or -1
	only uint8  // the one tag, or noTag
}

// Thresholds of the lexicon: forms seen at least lexMin times get an
// ambiguity class of the tags that make up at least lexShare of their
// uses; forms seen at least lexConstrain times are held to the tags they
// were seen with; lexOnly times with one tag, that tag.
const (
	lexMin       = 3
	lexShare     = 0.05
	lexConstrain = 20
	lexOnly      = 50
)

// learnLexicon builds the lexicon from the training instances' forms and
// gold tags.
func learnLexicon(insts []instance) *lexicon {
	counts := map[uint64]map[uint8]int{}
	for _, in := range insts {
		for i, l := range in.lx {
			c := counts[l.form]
			if c == nil {
				c = map[uint8]int{}
				counts[l.form] = c
			}
			c[in.tags[i]]++
		}
	}
	z := &lexicon{entries: map[uint64]lexEntry{}}
	forms := make([]uint64, 0, len(counts))
	for f := range counts {
		forms = append(forms, f)
	}
	sort.Slice(forms, func(i, j int) bool { return forms[i] < forms[j] })
	for _, f := range forms {
		c := counts[f]
		total := 0
		for _, n := range c {
			total += n
		}
		if total < lexMin {
			continue
		}
		var tags []uint8
		for t, n := range c {
			if float64(n) >= lexShare*float64(total) {
				tags = append(tags, t)
			}
		}
		sort.Slice(tags, func(i, j int) bool { return tags[i] < tags[j] })
		e := lexEntry{amb: ambiguityClass(tags), mask: -1, only: noTag}
		if total >= lexConstrain {
			var m tagMask
			for t := range c {
				m.set(t)
			}
			e.mask = int32(len(z.masks))
			z.masks = append(z.masks, m)
			if len(c) == 1 && total >= lexOnly {
				e.only = tags[0]
			}
		}
		z.entries[f] = e
	}
	return z
}

func ambiguityClass(tags []uint8) uint64 {
	h := uint64(7)
	for _, t := range tags {
		h = h*31 + uint64(t) + 1
	}
	return mix(h)
}

// fill sets the lexicon's fields of every word of lx.
func (z *lexicon) fill(lx []lex) {
	for i := range lx {
		l := &lx[i]
		e, ok := z.entries[l.form]
		if !ok {
			l.amb, l.mask, l.only = 1, -1, noTag
			continue
		}
		l.amb, l.mask, l.only = e.amb, e.mask, e.only
	}
}

// used reports whether the model has a lexicon: one trained without (see
// TrainOptions.Lexicon) reads no ambiguity classes.
func (z *lexicon) used() bool { return z != nil && len(z.entries) > 0 }

// allowed is the set of tags word l may take, or nil for any.
func (z *lexicon) allowed(l *lex) *tagMask {
	if z == nil || l.mask < 0 {
		return nil
	}
	return &z.masks[l.mask]
}

// encode writes the lexicon: counts of masks and entries, the masks, then
// each entry's form hash, class hash, mask index and only tag.
func (z *lexicon) encode() []byte {
	forms := make([]uint64, 0, len(z.entries))
	for f := range z.entries {
		forms = append(forms, f)
	}
	sort.Slice(forms, func(i, j int) bool { return forms[i] < forms[j] })
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(z.masks)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(forms)))
	for _, m := range z.masks {
		for _, x := range m {
			b = binary.LittleEndian.AppendUint64(b, x)
		}
	}
	for _, f := range forms {
		e := z.entries[f]
		b = binary.LittleEndian.AppendUint64(b, f)
		b = binary.LittleEndian.AppendUint64(b, e.amb)
		b = binary.LittleEndian.AppendUint32(b, uint32(e.mask))
		b = append(b, e.only)
	}
	return b
}

func decodeLexicon(b []byte, ntags int) (*lexicon, error) {
	bad := errors.New("model: bad lexicon")
	if len(b) < 8 {
		return nil, bad
	}
	nm, ne := int(binary.LittleEndian.Uint32(b)), int(binary.LittleEndian.Uint32(b[4:]))
	b = b[8:]
	if nm < 0 || ne < 0 || len(b) != 32*nm+21*ne {
		return nil, bad
	}
	z := &lexicon{entries: make(map[uint64]lexEntry, ne), masks: make([]tagMask, nm)}
	for i := range z.masks {
		for k := range z.masks[i] {
			z.masks[i][k] = binary.LittleEndian.Uint64(b)
			b = b[8:]
		}
	}
	for i := 0; i < ne; i++ {
		e := lexEntry{amb: binary.LittleEndian.Uint64(b[8:]), mask: int32(binary.LittleEndian.Uint32(b[16:])), only: b[20]}
		if e.mask >= int32(nm) || e.mask < -1 || e.only != noTag && int(e.only) >= ntags {
			return nil, bad
		}
		z.entries[binary.LittleEndian.Uint64(b)] = e
		b = b[21:]
	}
	return z, nil
}
