package figures

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/numbers"
	"github.com/tally-news/tally/internal/sentences"
	"github.com/tally-news/tally/internal/tokens"
)

func TestDebugFile(t *testing.T) {
	path := os.Getenv("DEBUG_FILE")
	if path == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(path)
	text := string(b)
	for _, s := range sentences.Split(text, 0, len(text)) {
		toks := tokens.Tokenize(text, s.Start, s.End)
		ps := numbers.Find(toks)
		if len(ps) == 0 {
			continue
		}
		fmt.Printf("S: %s\n", strings.ReplaceAll(text[s.Start:s.End], "\n", " "))
		ms := Find(toks, nil)
		for _, p := range ps {
			found := false
			for _, m := range ms {
				if m.Start == p.Start {
					found = true
					subj := ""
					if m.SubjFirst <= m.SubjLast {
						subj = text[toks[m.SubjFirst].Start:toks[m.SubjLast].End]
					}
					cue := ""
					if m.Cue >= 0 {
						cue = toks[m.Cue].Text
					}
					fmt.Printf("   + %-25q %-10s %-7s subj=%q cue=%q\n", text[m.Start:m.End], m.Measure, m.Qualifier, subj, cue)
				}
			}
			if !found {
				fmt.Printf("   - %-25q count=%v\n", text[p.Start:p.End], isCount(toks, p))
			}
		}
	}
}
