package tokens

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by "|"
	}{
		{"More than 1,000 North Korean soldiers", "More|than|1,000|North|Korean|soldiers"},
		{"the U.S. military said.", "the|U.S.|military|said|."},
		{"U.N. agencies", "U.N.|agencies"},
		{"Shi'ite militiamen", "Shi'ite|militiamen"},
		{"Korea’s spy agency", "Korea’s|spy|agency"},
		{"10,000-12,000 troops", "10,000|-|12,000|troops"},
		{"240mm rocket launchers and $2.", "240mm|rocket|launchers|and|$|2|."},
		{"1.5 million, 3k or 1.9m", "1.5|million|,|3k|or|1.9m"},
		{"J. Smith said", "J|.|Smith|said"},
		{"at 10 a.m. local time", "at|10|a.m.|local|time"},
		{"in the U.S", "in|the|U.S"},
		{"“1,100”", "“|1,100|”"},
	}
	for _, tc := range tests {
		toks := Tokenize(tc.in, 0, len(tc.in))
		var got []string
		for _, tk := range toks {
			if tc.in[tk.Start:tk.End] != tk.Text {
				t.Errorf("%q: offsets %d:%d do not give %q", tc.in, tk.Start, tk.End, tk.Text)
			}
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("Tokenize(%q) = %s, want %s", tc.in, g, tc.want)
		}
	}
}

func TestSpaceAndNewline(t *testing.T) {
	s := "Headline\nLead 11 000"
	toks := Tokenize(s, 0, len(s))
	if !toks[1].NewlineBefore || toks[2].NewlineBefore || !toks[3].SpaceBefore {
		t.Errorf("flags wrong: %+v", toks)
	}
	if toks[1].Lower != "lead" {
		t.Errorf("Lower = %q", toks[1].Lower)
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("More than 1,000 North Korean soldiers, the U.S. said.")
	f.Add("a.b.c. 1,2,3 ’’ \xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tk := range Tokenize(s, 0, len(s)) {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			prev = tk.End
		}
	})
}
