package parse

import (
	"bytes"
	"testing"
)

// tinyModel trains a model on our own wire sentences, in a second.
func tinyModel(t *testing.T) (*Model, []Sentence) { return tinyModelWith(t, false) }

func tinyModelWith(t *testing.T, lexicon bool) (*Model, []Sentence) {
	t.Helper()
	sents := readCoNLLUFile(t, "testdata/news.conllu")
	m, err := Train(sents, sents, TrainOptions{TagEpochs: 2, ParseEpochs: 2, Folds: 2, Workers: 1, Lexicon: lexicon})
	if err != nil {
		t.Fatal(err)
	}
	return m, sents
}

func parseAll(m *Model, sents []Sentence) []Word {
	var out []Word
	for _, s := range sents {
		words := make([]Word, len(s.Words))
		for i, w := range s.Words {
			words[i] = Word{Form: w.Form}
		}
		m.Parse(words)
		out = append(out, words...)
	}
	return out
}

// TestModelRoundTrip writes a trained model, with and without a lexicon,
// and reads it back: the copy parses exactly as the original.
func TestModelRoundTrip(t *testing.T) {
	for _, lexicon := range []bool{false, true} {
		m, sents := tinyModelWith(t, lexicon)
		if m.lexicon.used() != lexicon {
			t.Fatalf("trained with lexicon %v, has one: %v", lexicon, m.lexicon.used())
		}
		roundTrip(t, m, sents)
	}
}

func roundTrip(t *testing.T, m *Model, sents []Sentence) {
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	c, err := Decode(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want, got := parseAll(m, sents), parseAll(c, sents)
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("word %d: %+v before writing, %+v after", i, want[i], got[i])
		}
	}
	var again bytes.Buffer
	if err := c.Encode(&again); err == nil {
		t.Error("a decoded model was written again: it has no rows to write")
	}
}

// TestModelDamaged reads truncated and corrupted copies of a model file:
// each is an error or a model that still parses, never a panic.
func TestModelDamaged(t *testing.T) {
	m, sents := tinyModel(t)
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	step := max(1, len(data)/300)
	for n := 0; n < len(data); n += step {
		if _, err := Decode(bytes.NewReader(data[:n])); err == nil {
			t.Fatalf("a model cut at byte %d of %d was read", n, len(data))
		}
		bad := append([]byte(nil), data...)
		bad[n] ^= 0xA5
		if c, err := Decode(bytes.NewReader(bad)); err == nil {
			for _, w := range parseAll(c, sents[:3]) {
				if w.Head < 0 || w.UPOS == "" {
					t.Fatalf("byte %d corrupted: word %+v", n, w)
				}
			}
		}
	}
}
