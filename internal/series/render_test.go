package series

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current renderer")

// golden compares got with testdata/name, or rewrites it under -update:
//
//	go test ./internal/series -run TestRender -update
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the renderer's output:\n--- got\n%s\n--- want\n%s\nif the change is right, rerun with -update and review the diff",
			path, got, want)
	}
}

// checkWidth fails when a line is wider than width runes.
func checkWidth(t *testing.T, out string, width int) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n > width {
			t.Errorf("line of %d runes in a %d chart: %q", n, width, l)
		}
	}
}

func TestRenderTimeline(t *testing.T) {
	all := Build(nkStory())
	nkc := Find(all, Key{Counted: nk, Measure: "casualties"})
	var b strings.Builder
	for _, w := range []int{100, 60} {
		out := Chart(nkc.Timeline(), w)
		checkWidth(t, out, w)
		b.WriteString(out + "\n")
	}
	out := ConsensusChart(nkc.Consensus(), 100)
	checkWidth(t, out, 100)
	b.WriteString(out + "\n")
	// A series spanning orders of magnitude draws on a log axis.
	dep := Find(all, Key{Counted: nk, Measure: "deployed"})
	b.WriteString(Chart(dep.Timeline(), 80) + "\n")
	b.WriteString(ConsensusChart(dep.Consensus(), 80) + "\n")
	for _, c := range nkc.Conflicts() {
		b.WriteString("conflict: " + c.Reason() + "\n")
	}
	for _, sp := range nkc.Spreads() {
		b.WriteString("spread: " + sp.Reason + "\n")
	}
	t.Logf("\n%s", b.String())
	golden(t, "nk_story.golden", b.String())
}

func TestRenderEdgeCases(t *testing.T) {
	one := Build([]Report{wire(1, "a", "2024-12-23", jcs, "around 1,100", "casualties", nk)})[0]
	undatedOnly := Build([]Report{wire(1, "a", "", kirby, "1,000", "casualties", nk)})[0]
	var b strings.Builder
	for _, s := range []Series{one, undatedOnly} {
		b.WriteString(Chart(s.Timeline(), 10) + "\n") // below the minimum width
		b.WriteString(ConsensusChart(s.Consensus(), 10) + "\n")
	}
	b.WriteString(ConsensusChart(Consensus{}, 60))
	golden(t, "edge_cases.golden", b.String())
}
