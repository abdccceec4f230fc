package sentences

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Three killed in Kabul\nKABUL (Reuters) - Three people were killed. Police said.",
			[]string{"Three killed in Kabul", "KABUL (Reuters) - Three people were killed.", "Police said."}},
		{"Gen. Lee said on Dec. 16 that the U.S. military lost two.", []string{"Gen. Lee said on Dec. 16 that the U.S. military lost two."}},
		{"\"We assess 1,100 casualties,\" the military said. It added more.",
			[]string{"\"We assess 1,100 casualties,\" the military said.", "It added more."}},
		{"PUNTA GORDA, Fla. - Rescue teams arrived.", []string{"PUNTA GORDA, Fla. - Rescue teams arrived."}},
		{"He was hurt. 12 others died!", []string{"He was hurt.", "12 others died!"}},
		{"the toll was 1.5 million. or so", []string{"the toll was 1.5 million. or so"}},
		{"J. R. Smith spoke.", []string{"J. R. Smith spoke."}},
		{"", nil},
	}
	for _, tc := range tests {
		var got []string
		for _, s := range Split(tc.in, 0, len(tc.in)) {
			got = append(got, tc.in[s.Start:s.End])
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Split(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("A. B said. C. \"D.\" E\n\nF")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Split(s, 0, len(s)) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad span %+v in %q", sp, s)
			}
			prev = sp.End
		}
	})
}
