package samples

import (
	"os"
	"testing"
)

// TestArticles checks the embedded samples parse, carry what the demo
// needs, and that the seed copy matches testdata/seed.txt.
func TestArticles(t *testing.T) {
	docs := Articles()
	if len(docs) < 10 {
		t.Fatalf("got %d sample articles, want at least 10", len(docs))
	}
	ids := map[string]bool{}
	for _, d := range docs {
		if d.ID == "" || d.Text == "" || d.Published == "" || d.Title == "" {
			t.Errorf("sample %q lacks id, text, title or date", d.ID)
		}
		if ids[d.ID] {
			t.Errorf("sample id %q twice", d.ID)
		}
		ids[d.ID] = true
	}
	want, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	if Seed().Text != string(want) {
		t.Error("internal/samples/seed.txt differs from testdata/seed.txt")
	}
}
