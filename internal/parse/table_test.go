package parse

import (
	"math/rand"
	"testing"
)

// TestTableLookups builds tables of random rows, inline and not, and
// checks that every feature's weights come back and that features not in
// the table add nothing.
func TestTableLookups(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, c := range []struct{ nclass, n int }{{3, 1}, {3, 1000}, {3, 50000}, {40, 17}, {40, 30000}} {
		rows := make([]qrow, c.n)
		want := map[uint64][]int32{}
		for i := range rows {
			r := qrow{key: rng.Uint64(), exp: uint8(rng.Intn(maxExp + 1))}
			ws := make([]int32, c.nclass)
			for k := 0; k < c.nclass; k++ {
				q := int8(rng.Intn(255) - 127)
				if c.nclass <= inlineClasses {
					r.w = append(r.w, q)
				} else if q != 0 && rng.Intn(4) == 0 {
					r.class, r.w = append(r.class, uint8(k)), append(r.w, q)
				} else {
					continue
				}
				ws[k] = int32(q) << r.exp
			}
			rows[i], want[r.key] = r, ws
		}
		tb, err := newTable(c.nclass, rows)
		if err != nil {
			t.Fatal(err)
		}
		scores := make([]int32, 256)
		hits := make([]uint64, 1)
		clashes := map[uint64]int{}
		for k := range want {
			clashes[fingerprint(k)]++
		}
		for k, ws := range want {
			if clashes[fingerprint(k)] > 1 {
				continue // one of them was dropped
			}
			clear(scores)
			tb.addAll([]uint64{k}, scores, hits)
			for cl, w := range ws {
				if scores[cl] != w {
					t.Fatalf("%d classes, %d rows: key %#x class %d scores %d, want %d", c.nclass, c.n, k, cl, scores[cl], w)
				}
			}
		}
		for i := 0; i < 10000; i++ {
			k := rng.Uint64()
			if _, ok := want[k]; ok {
				continue
			}
			clear(scores)
			tb.addAll([]uint64{k}, scores, hits)
			for cl, v := range scores {
				if v != 0 && clashes[fingerprint(k)] == 0 {
					t.Fatalf("absent key %#x scored %d for class %d", k, v, cl)
				}
			}
		}
	}
}
