package parse

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `# sent_id = t-1
# text = Seoul's agency said 12 died.
1-2	Seoul's	_	_	_	_	_	_	_	_
1	Seoul	Seoul	PROPN	NNP	Number=Sing	3	nmod:poss	_	_
2	's	's	PART	POS	_	1	case	_	_
3	agency	agency	NOUN	NN	Number=Sing	4	nsubj	_	_
4	said	say	VERB	VBD	_	0	root	_	_
5	12	12	NUM	CD	NumType=Card	6	nsubj	_	_
5.1	died	die	VERB	VBD	_	_	_	4:ccomp	CopyOf=6
6	died	die	VERB	VBD	_	4	ccomp	_	SpaceAfter=No
7	.	.	PUNCT	.	_	4	punct	_	_

`

func TestCoNLLURoundTrip(t *testing.T) {
	ss, err := ReadCoNLLU(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || len(ss[0].Words) != 7 || len(ss[0].Tokens) != 1 {
		t.Fatalf("read %d sentences, %+v", len(ss), ss)
	}
	s := ss[0]
	if s.ID != "t-1" || s.Words[5].Form != "died" || s.Words[5].SpaceAfter || s.Words[4].Head != 6 {
		t.Errorf("read wrong: %+v", s.Words)
	}
	var b bytes.Buffer
	if err := WriteCoNLLU(&b, s); err != nil {
		t.Fatal(err)
	}
	again, err := ReadCoNLLU(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 1 || len(again[0].Words) != 7 {
		t.Fatalf("re-read %+v", again)
	}
	for i := range s.Words {
		a, b := s.Words[i], again[0].Words[i]
		if a.Form != b.Form || a.Head != b.Head || a.Rel != b.Rel || a.UPOS != b.UPOS || a.SpaceAfter != b.SpaceAfter {
			t.Errorf("word %d: wrote %+v, read back %+v", i+1, a, b)
		}
	}
}

func TestCoNLLUErrors(t *testing.T) {
	for _, bad := range []string{
		"1\tword\n",
		"2\tword\t_\t_\t_\t_\t0\troot\t_\t_\n",
		"1\tword\t_\t_\t_\t_\t5\troot\t_\t_\n",
		"x-y\tword\t_\t_\t_\t_\t_\t_\t_\t_\n",
	} {
		if _, err := ReadCoNLLU(strings.NewReader(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}

func TestProjectivize(t *testing.T) {
	// 1 ← 3, 2 ← 4 crossing, 3 ← 0, 4 ← 3: lifting 2 to 3 uncrosses.
	h := projectivize([]int32{-1, 3, 4, 0, 3})
	if shortestCrossing(h) >= 0 {
		t.Errorf("still crossing: %v", h)
	}
	if h[2] != 3 {
		t.Errorf("lifted %v, want word 2 under 3", h)
	}
	same := projectivize([]int32{-1, 2, 0, 2})
	if same[1] != 2 || same[3] != 2 {
		t.Errorf("a projective tree changed: %v", same)
	}
}
