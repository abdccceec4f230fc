package parse

import (
	"fmt"
	"sort"
)

// table holds a trained model's weights: for each feature key the classes
// it votes for, with 8-bit weights. It is an open-addressing hash table
// placed by the key's low 32 bits (its fingerprint), which a slot packs
// with the row's scale and either the weights themselves
// (tables of at most three classes: the parser's moves) or where the
// row's weights start and how many there are. A lookup touches one slot,
// and for the larger tables one short run of weights, so the whole model
// stays small enough to sit mostly in the processor's cache: lookups that
// miss it are where the parser spends its time.
//
// A weight is q << exp, q a signed byte and exp (0–7) the row's scale:
// each row keeps about two significant digits of its own largest weight,
// which is all an averaged perceptron's argmax needs.
type table struct {
	nclass int
	size   uint64 // number of slots
	slots  []uint64
	last   uint64   // the home of the last key inserted
	w      []uint16 // class<<8 | uint8(q), for tables that are not inline
	// rows are kept from training for writing the model file, which
	// stores rows rather than slots.
	rows []qrow
}

// Slot layouts, below the fingerprint (bits 32–63) and the scale (29–31):
// inline, three weights in bits 0–23; otherwise the weight count in bits
// 21–28 and the first weight in bits 0–20.
const (
	offBits       = 21
	maxWeights    = 1 << offBits // what a slot's offset can address
	inlineClasses = 3
	maxExp        = 7
)

// qrow is one feature's quantised weights. An inline table's rows have
// nclass weights and no classes.
type qrow struct {
	key   uint64
	exp   uint8
	class []uint8
	w     []int8
}

// fingerprint is the part of key k a slot keeps, never 0 (an empty slot).
func fingerprint(k uint64) uint64 { return k&0xFFFFFFFF | 1 }

func (t *table) inline() bool { return t.nclass <= inlineClasses }

// newEmptyTable makes a table for n features of nclass classes.
func newEmptyTable(nclass, n int) *table {
	size := tableSize(n)
	return &table{nclass: nclass, size: size, slots: make([]uint64, size)}
}

// tableSize is the number of slots of a table of n features, at a load
// factor of about 0.55: short probe runs, with room to spare.
func tableSize(n int) uint64 { return uint64(n)*9/5 + 16 }

// home is the first slot of the key with fingerprint fp in a table of
// size slots: the fingerprint scaled to the size (Lemire's fast range),
// so sizes need not be powers of two, and a slot's fingerprint tells
// where its key's run of slots began.
func home(fp, size uint64) uint64 { return fp * size >> 32 }

// sortRows puts rows in the order of their home slots. Built in that
// order, every run of the table is in home order too, so a lookup stops
// at the first slot whose key began its run later than the key sought
// (see probe) rather than at the first empty slot, and building the
// table when a model file is read writes its slots front to back.
func sortRows(rows []qrow) {
	size := tableSize(len(rows))
	sort.Slice(rows, func(i, j int) bool {
		a, b := fingerprint(rows[i].key), fingerprint(rows[j].key)
		if ha, hb := home(a, size), home(b, size); ha != hb {
			return ha < hb
		}
		if a != b {
			return a < b
		}
		return rows[i].key < rows[j].key
	})
}

// dropClashes keeps, of the rows whose keys share a fingerprint (a few
// hundred of a million features), the heaviest: a lookup could not tell
// them apart. rows must be in sortRows order, which puts them side by
// side; the rows kept reuse rows' memory.
func dropClashes(rows []qrow) []qrow {
	out := rows[:0]
	for _, r := range rows {
		if n := len(out); n > 0 && fingerprint(out[n-1].key) == fingerprint(r.key) {
			if weight(r) > weight(out[n-1]) {
				out[n-1] = r
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func weight(r qrow) int {
	n := 0
	for _, q := range r.w {
		n += abs(int(q)) << r.exp
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// insert puts key with the low 32 bits of a slot, payload. Keys must
// come in the order of their homes (see sortRows).
func (t *table) insert(key, payload uint64) error {
	fp := fingerprint(key)
	i := home(fp, t.size)
	if i < t.last {
		return fmt.Errorf("parse: features out of order")
	}
	t.last = i
	for t.slots[i] != 0 {
		if t.slots[i]>>32 == fp {
			return fmt.Errorf("parse: two features share fingerprint %#x", fp)
		}
		if i++; i == t.size {
			i = 0
		}
	}
	t.slots[i] = fp<<32 | payload
	return nil
}

func inlinePayload(exp uint8, w []int8) uint64 {
	p := uint64(exp) << 29
	for c, q := range w {
		p |= uint64(uint8(q)) << (8 * c)
	}
	return p
}

func varPayload(exp uint8, count, off int) uint64 {
	return uint64(exp)<<29 | uint64(count)<<offBits | uint64(off)
}

// newTable builds a table holding rows, putting them in sortRows order
// (and dropping clashing fingerprints).
func newTable(nclass int, rows []qrow) (*table, error) {
	sortRows(rows)
	if kept := dropClashes(rows); len(kept) < len(rows) {
		rows = kept
		sortRows(rows) // fewer rows may make a smaller table, with other homes
	}
	t := newEmptyTable(nclass, len(rows))
	t.rows = rows
	for _, r := range rows {
		var p uint64
		if t.inline() {
			p = inlinePayload(r.exp, r.w)
		} else {
			if len(t.w)+len(r.w) >= maxWeights {
				return nil, fmt.Errorf("parse: more than %d weights do not fit a table: prune more", maxWeights)
			}
			p = varPayload(r.exp, len(r.w), len(t.w))
			for j, c := range r.class {
				t.w = append(t.w, uint16(c)<<8|uint16(uint8(r.w[j])))
			}
		}
		if err := t.insert(r.key, p); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// addAll adds the weights of every feature in keys to scores, which must
// have room for every class (256). It looks the features up in sweeps
// rather than one at a time: first every key's home slot, then the
// weights. The loads of a sweep do not depend on one another, so the
// processor has many cache misses in flight at once instead of one.
// hits must have room for len(keys) entries.
func (t *table) addAll(keys []uint64, scores []int32, hits []uint64) {
	slots, size := t.slots, t.size
	for i, k := range keys {
		hits[i] = slots[home(fingerprint(k), size)]
	}
	n := 0
	for i, k := range keys {
		if s := t.resolve(hits[i], k); s != 0 {
			hits[n] = s
			n++
		}
	}
	if t.inline() {
		var s0, s1, s2 int32
		for _, s := range hits[:n] {
			e := (s >> 29) & maxExp
			s0 += int32(int8(s)) << e
			s1 += int32(int8(s>>8)) << e
			s2 += int32(int8(s>>16)) << e
		}
		scores[0] += s0
		scores[1] += s1
		scores[2] += s2
		return
	}
	w := t.w
	for _, s := range hits[:n] {
		o, e := uint32(s)&(maxWeights-1), (s>>29)&maxExp
		for _, cw := range w[o : o+uint32(s>>offBits)&255] {
			scores[uint8(cw>>8)] += int32(int8(cw)) << e
		}
	}
}

// resolve is the slot of feature k given s, the slot at k's home: s
// itself, one further along, or 0 when k is not in the table.
func (t *table) resolve(s, k uint64) uint64 {
	if fp := fingerprint(k); s>>32 != fp && s != 0 {
		return t.probe(k, fp)
	}
	return s
}

// probe finds feature k past its home slot, or returns 0. It stops at a
// slot whose key's home is past k's own (and not a key that wrapped round
// from the table's end): k would have been placed before it.
func (t *table) probe(k, fp uint64) uint64 {
	h := home(fp, t.size)
	for i := h; ; {
		if i++; i == t.size {
			i = 0
		}
		s := t.slots[i]
		if s == 0 || s>>32 == fp {
			return s
		}
		if eh := home(s>>32, t.size); eh > h && eh <= i {
			return 0
		}
	}
}

// features is the number of features the table holds.
func (t *table) features() int {
	n := 0
	for _, s := range t.slots {
		if s != 0 {
			n++
		}
	}
	return n
}
