package parse

import (
	"os"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/tokens"
)

// checkTree fails unless words form one tree: every head in range, one
// word on the root, no cycle.
func checkTree(t testing.TB, words []Word) {
	t.Helper()
	roots := 0
	for i, w := range words {
		if w.Head < 0 || w.Head > len(words) || w.Head == i+1 {
			t.Fatalf("word %d (%q) has head %d of %d words", i+1, w.Form, w.Head, len(words))
		}
		if w.Head == 0 {
			roots++
			if w.Rel != "root" {
				t.Fatalf("word %d on the root is %q", i+1, w.Rel)
			}
		} else if w.Rel == "root" {
			t.Fatalf("word %d is root but has head %d", i+1, w.Head)
		}
		if w.UPOS == "" || w.Rel == "" {
			t.Fatalf("word %d untagged: %+v", i+1, w)
		}
		for k, steps := i+1, 0; k != 0; steps++ {
			if steps > len(words) {
				t.Fatalf("cycle through word %d", i+1)
			}
			k = words[k-1].Head
		}
	}
	if len(words) > 0 && roots != 1 {
		t.Fatalf("%d words on the root", roots)
	}
}

// readCoNLLUFile reads a CoNLL-U file of the test data.
func readCoNLLUFile(t testing.TB, path string) []Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func model(t testing.TB) *Model {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func parseText(t testing.TB, text string) []Word {
	s := model(t).ParseTokens(tokens.Tokenize(text, 0, len(text)))
	checkTree(t, s.Words)
	return s.Words
}

func TestTreeShapes(t *testing.T) {
	long := strings.Repeat("The ministry said 12 people were killed and 30 wounded , ", 50)
	for _, text := range []string{"", "Killed", "!", ". , ; : ! ? ( ) - -- ...", "12", long, strings.Repeat("x ", 600)} {
		words := parseText(t, text)
		if text == long && len(words) < 500 {
			t.Fatalf("long sentence has %d words", len(words))
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "a", "The agency said 1,100 North Korean troops were killed.",
		"“We have lost 27-hundred,” he said.", "(((", "don't can't won't 240mm 3k", "\x00\xff"} {
		f.Add(s)
	}
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokens.Tokenize(text, 0, len(text))
		if len(toks) > 2000 {
			return
		}
		s := m.ParseTokens(toks)
		checkTree(t, s.Words)
	})
}

// TestUDScores parses EWT's test set with gold words and checks the scores
// the README gives (it skips when ../shared/ud is absent).
func TestUDScores(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	m := model(t)
	for _, c := range []struct {
		file          string
		upos, uas, la float64
	}{
		{"en_ewt-ud-test.conllu", 0.94, 0.84, 0.81},
		{"en_pud-ud-test.conllu", 0.93, 0.80, 0.76},
	} {
		gold := readUD(t, c.file)
		pred := make([]Sentence, len(gold))
		for i, g := range gold {
			words := make([]Word, len(g.Words))
			for k, x := range g.Words {
				words[k] = Word{Form: x.Form}
			}
			m.Parse(words)
			checkTree(t, words)
			pred[i] = Sentence{Words: words}
		}
		sc, err := Evaluate(gold, pred)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: UPOS %.4f UAS %.4f LAS %.4f (%d words)", c.file, sc.UPOS, sc.UAS, sc.LAS, sc.Words)
		if sc.UPOS < c.upos || sc.UAS < c.uas || sc.LAS < c.la {
			t.Errorf("%s: UPOS %.4f UAS %.4f LAS %.4f, below %.2f/%.2f/%.2f", c.file, sc.UPOS, sc.UAS, sc.LAS, c.upos, c.uas, c.la)
		}
	}
}

// TestPinnedTrees parses our own wire-style sentences (testdata/news.conllu)
// from their text, through the tokenizer and Words, and checks the arcs
// extraction reads: numbers and what they count, reporting verbs, their
// subjects and complements, appositions, relative clauses, coordination
// and partitives.
func TestPinnedTrees(t *testing.T) {
	gold := readCoNLLUFile(t, "testdata/news.conllu")
	m := model(t)
	pins, wrong := 0, 0
	for _, g := range gold {
		s := m.ParseTokens(tokens.Tokenize(g.Text, 0, len(g.Text)))
		if len(s.Words) != len(g.Words) {
			t.Errorf("%s: %d words from the tokenizer, the tree has %d", g.ID, len(s.Words), len(g.Words))
			continue
		}
		for i, gw := range g.Words {
			if s.Words[i].Form != gw.Form {
				t.Errorf("%s: word %d is %q, the tree has %q", g.ID, i+1, s.Words[i].Form, gw.Form)
			}
			if !strings.Contains(gw.Misc, "Pin=Yes") {
				continue
			}
			pins++
			pw := s.Words[i]
			if pw.Head != gw.Head || universal(pw.Rel) != universal(gw.Rel) {
				wrong++
				head := func(h int, ws []Word) string {
					if h == 0 {
						return "ROOT"
					}
					return ws[h-1].Form
				}
				t.Logf("%s %q: %q is %s of %q, want %s of %q", g.ID, g.Text, gw.Form, pw.Rel, head(pw.Head, s.Words), gw.Rel, head(gw.Head, g.Words))
			}
		}
	}
	t.Logf("%d of %d pinned arcs right", pins-wrong, pins)
	// The bar is the shipped model's: a retrained model must not read
	// these constructions worse.
	if wrong > pins*15/100 {
		t.Errorf("%d of %d pinned arcs wrong (more than 15%%)", wrong, pins)
	}
}
