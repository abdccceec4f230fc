package parse

import "strings"

// Scores are the CoNLL 2018 shared task's measures over words with gold
// tokenisation: UPOS (tag right), UAS (head right), LAS (head and
// universal relation right; subtypes such as ":relcl" are not compared).
type Scores struct {
	Words          int
	UPOS, UAS, LAS float64
}

// Evaluate scores pred against gold, sentence by sentence; both must have
// the same words.
func Evaluate(gold, pred []Sentence) (Scores, error) {
	var sc Scores
	var upos, uas, las int
	if len(gold) != len(pred) {
		return sc, errSentences(len(gold), len(pred))
	}
	for i := range gold {
		g, p := gold[i].Words, pred[i].Words
		if len(g) != len(p) {
			return sc, errWords(i, len(g), len(p))
		}
		for k := range g {
			sc.Words++
			if g[k].UPOS == p[k].UPOS {
				upos++
			}
			if g[k].Head == p[k].Head {
				uas++
				if universal(g[k].Rel) == universal(p[k].Rel) {
					las++
				}
			}
		}
	}
	n := float64(max(sc.Words, 1))
	sc.UPOS, sc.UAS, sc.LAS = float64(upos)/n, float64(uas)/n, float64(las)/n
	return sc, nil
}

// universal strips a relation's subtype: "acl:relcl" → "acl".
func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}
