package gather

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestJobOrder: items carry their place in the order of the sources (Job
// by file in walk order, Index within a file), whichever worker made
// them, and Done reports every job once with its item count — a bad file
// too, with 0.
func TestJobOrder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.jsonl": `{"id":"a1","text":"First line of a."}` + "\n" + `{"id":"a2","text":"Second line of a."}` + "\n" + `{"id":"a3","text":"Third line of a."}` + "\n",
		"b.html":  articlePage("Page b", "https://example.org/b", "2025-01-27", "en", "Floods displaced 4,000 people,"),
		"c.jsonl": "not json\n",
		"d.txt":   "A text file with one document in it.",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var got []string
	done := map[uint64]int{}
	opts := Options{Workers: 3, Done: func(job uint64, items int) {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := done[job]; ok {
			t.Errorf("job %d done twice", job)
		}
		done[job] = items
	}}
	Gather(context.Background(), []string{dir}, opts, func(it Item) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, fmt.Sprintf("%d.%d %s", it.Job, it.Index, filepath.Base(it.Origin)))
	}, func(error) {})
	slices.SortFunc(got, strings.Compare)
	want := []string{"1.0 a.jsonl", "1.1 a.jsonl", "1.2 a.jsonl", "2.0 b.html", "4.0 d.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("items %q, want %q", got, want)
	}
	if wantDone := map[uint64]int{1: 3, 2: 1, 3: 0, 4: 1}; fmt.Sprint(done) != fmt.Sprint(wantDone) {
		t.Errorf("done %v, want %v", done, wantDone)
	}
}
