package parse

import (
	"fmt"
	"io"
	"os"
	"sort"
	"testing"
)

// TestAnalysis prints where the embedded model goes wrong on a gold file
// (TALLY_PARSE_ANALYSIS=path/to/file.conllu), per relation and per tag,
// and with TALLY_PARSE_DUMP=out.conllu writes its parses; a tool for
// model work.
func TestAnalysis(t *testing.T) {
	path := os.Getenv("TALLY_PARSE_ANALYSIS")
	if path == "" {
		t.Skip("set TALLY_PARSE_ANALYSIS to a CoNLL-U file")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	gold, err := ReadCoNLLU(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	type cnt struct{ n, head, lab, tag int }
	byRel := map[string]*cnt{}
	byTag := map[string]*cnt{}
	conf := map[string]int{}
	var dump io.Writer = io.Discard
	if p := os.Getenv("TALLY_PARSE_DUMP"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		dump = f
	}
	for _, g := range gold {
		words := make([]Word, len(g.Words))
		for k, x := range g.Words {
			words[k] = Word{Form: x.Form}
		}
		m.Parse(words)
		WriteCoNLLU(dump, Sentence{Words: words})
		for k, x := range g.Words {
			r := universal(x.Rel)
			if byRel[r] == nil {
				byRel[r] = &cnt{}
			}
			if byTag[x.UPOS] == nil {
				byTag[x.UPOS] = &cnt{}
			}
			c, ct := byRel[r], byTag[x.UPOS]
			c.n++
			ct.n++
			if words[k].Head == x.Head {
				c.head++
				ct.head++
				if universal(words[k].Rel) == r {
					c.lab++
					ct.lab++
				}
			}
			if words[k].UPOS == x.UPOS {
				ct.tag++
			} else {
				conf[x.UPOS+"→"+words[k].UPOS]++
			}
		}
	}
	show := func(name string, m map[string]*cnt) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]].n-m[keys[i]].head > m[keys[j]].n-m[keys[j]].head })
		fmt.Printf("%-12s %6s %7s %7s %7s %7s\n", name, "n", "UAS", "LAS", "tag", "headerr")
		for _, k := range keys {
			c := m[k]
			fmt.Printf("%-12s %6d %7.3f %7.3f %7.3f %7d\n", k, c.n, float64(c.head)/float64(c.n), float64(c.lab)/float64(c.n), float64(c.tag)/float64(c.n), c.n-c.head)
		}
	}
	show("rel", byRel)
	show("upos", byTag)
	type kv struct {
		k string
		v int
	}
	var cs []kv
	for k, v := range conf {
		cs = append(cs, kv{k, v})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].v > cs[j].v })
	for i := 0; i < len(cs) && i < 25; i++ {
		fmt.Printf("%s %d\n", cs[i].k, cs[i].v)
	}
}
