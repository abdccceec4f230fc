package parse

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a parsed sentence. Head is the 1-based
// index of its head word in the sentence, 0 for the root.
type Word struct {
	Form  string
	Lemma string
	UPOS  string
	XPOS  string
	Feats string // as read from CoNLL-U; the parser does not predict them
	Head  int
	Rel   string
	// Start and End are byte offsets of the word in the document text;
	// -1 when the word comes from a CoNLL-U file.
	Start, End int
	// Token is the index of the tokens.Token the word was cut from
	// (several words share a token: "Korea's" → "Korea", "'s").
	Token int
	// SpaceAfter is false where CoNLL-U's MISC says SpaceAfter=No.
	SpaceAfter bool
	// Misc is the MISC column as read ("_" dropped); it is not written.
	Misc string
}

// Sentence is a sentence of words, as read from or written to CoNLL-U.
type Sentence struct {
	ID    string
	Text  string
	Words []Word
	// Tokens are CoNLL-U's multi-word token lines: the surface token
	// "don't" over words 3–4 is {3, 4, "don't"}. Empty nodes (enhanced
	// dependencies) are dropped when reading.
	Tokens []MultiWord
}

// MultiWord is a surface token made of several words (1-based, inclusive).
type MultiWord struct {
	First, Last int
	Form        string
}

// ReadCoNLLU reads every sentence of a CoNLL-U file. A malformed line is
// an error naming its line number.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case line == "":
			flush()
			continue
		case strings.HasPrefix(line, "#"):
			if v, ok := strings.CutPrefix(line, "# sent_id = "); ok {
				cur.ID = v
			} else if v, ok := strings.CutPrefix(line, "# text = "); ok {
				cur.Text = v
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d columns, CoNLL-U has 10", n, len(f))
		}
		id := f[0]
		if strings.Contains(id, ".") {
			continue // empty node
		}
		if a, b, ok := strings.Cut(id, "-"); ok {
			first, e1 := strconv.Atoi(a)
			last, e2 := strconv.Atoi(b)
			if e1 != nil || e2 != nil || last < first {
				return nil, fmt.Errorf("line %d: bad multi-word token id %q", n, id)
			}
			cur.Tokens = append(cur.Tokens, MultiWord{first, last, f[1]})
			continue
		}
		i, err := strconv.Atoi(id)
		if err != nil || i != len(cur.Words)+1 {
			return nil, fmt.Errorf("line %d: word id %q out of sequence", n, id)
		}
		head, err := strconv.Atoi(f[6])
		if err != nil {
			head = -1 // "_" in an untagged file
		}
		cur.Words = append(cur.Words, Word{
			Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
			Head: head, Rel: f[7], Start: -1, End: -1, Token: -1,
			SpaceAfter: !strings.Contains(f[9], "SpaceAfter=No"), Misc: strings.TrimPrefix(f[9], "_"),
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	for _, s := range out {
		for i, w := range s.Words {
			if w.Head > len(s.Words) {
				return nil, fmt.Errorf("sentence %s: word %d has head %d past the sentence end", s.ID, i+1, w.Head)
			}
		}
	}
	return out, nil
}

// WriteCoNLLU writes s in CoNLL-U. Multi-word tokens are written before
// their first word; fields the parser does not give are "_".
func WriteCoNLLU(w io.Writer, s Sentence) error {
	bw := bufio.NewWriter(w)
	if s.ID != "" {
		fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
	}
	if s.Text != "" {
		fmt.Fprintf(bw, "# text = %s\n", strings.ReplaceAll(s.Text, "\n", " "))
	}
	mw := 0
	for i, x := range s.Words {
		for mw < len(s.Tokens) && s.Tokens[mw].First == i+1 {
			t := s.Tokens[mw]
			misc := "_"
			if last := s.Words[t.Last-1]; !last.SpaceAfter {
				misc = "SpaceAfter=No"
			}
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", t.First, t.Last, field(t.Form), misc)
			mw++
		}
		misc := "_"
		if !x.SpaceAfter && !inMultiWord(s.Tokens, i+1) {
			misc = "SpaceAfter=No"
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", i+1, field(x.Form), field(x.Lemma),
			field(x.UPOS), field(x.XPOS), field(x.Feats), x.Head, field(x.Rel), misc)
	}
	bw.WriteString("\n")
	return bw.Flush()
}

func inMultiWord(ts []MultiWord, i int) bool {
	for _, t := range ts {
		if t.First <= i && i <= t.Last {
			return true
		}
	}
	return false
}

// field makes s safe for a CoNLL-U column: no tabs or newlines, "_" for
// empty.
func field(s string) string {
	if s == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}
