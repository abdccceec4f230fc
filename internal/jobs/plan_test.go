package jobs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/jobs"
)

// Plan makes one job per URL and file (a folder's files that tally reads
// included, its hidden and other files not) and one per WARC slice.
func TestPlan(t *testing.T) {
	dir := t.TempDir()
	in := generate(t, dir, sizes{jsonlFiles: 1, perFile: 1, warcPages: 40})
	in.close()
	write(t, filepath.Join(dir, "style.css"), []byte("p{}"))
	write(t, filepath.Join(dir, "data.json"), []byte(`{"not": "a feed"}`))
	write(t, filepath.Join(dir, ".hidden.txt"), []byte("Officials said 3 people were killed."))
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	write(t, filepath.Join(dir, "sub", "a.txt"), []byte("Officials said 3 people were killed."))

	var errs []string
	bad := func(err error) { errs = append(errs, err.Error()) }
	for _, tc := range []struct {
		srcs []string
		want []string // each job's source, with dir as $
		errs int
	}{
		{srcs: []string{"https://news.example/a", "http://news.example/feed.xml"}, want: []string{"https://news.example/a", "http://news.example/feed.xml"}},
		{srcs: []string{filepath.Join(dir, "sub")}, want: []string{"$/sub/a.txt"}},
		{srcs: []string{"-", filepath.Join(dir, "none.txt")}, errs: 2},
		{srcs: []string{dir}, want: []string{"$/broken.jsonl", "$/crawl.warc", "$/docs-00.jsonl", "$/sub/a.txt"}},
	} {
		errs = nil
		got := jobs.Plan(tc.srcs, jobs.IngestArgs{Published: "2025-01-02"}, 1<<30, bad)
		var srcs []string
		for _, a := range got {
			if a.Published != "2025-01-02" {
				t.Errorf("%v: job %q lost its options", tc.srcs, a.Source)
			}
			s := a.Source
			if sl, ok := gather.ParseWARCSlice(s); ok {
				s = sl.Path
			}
			srcs = append(srcs, strings.ReplaceAll(s, dir, "$"))
		}
		if strings.Join(srcs, " ") != strings.Join(tc.want, " ") || len(errs) != tc.errs {
			t.Errorf("Plan(%q) = %q, errors %q; want %q, %d errors", tc.srcs, srcs, errs, tc.want, tc.errs)
		}
	}
	// A WARC file in slices: consecutive byte ranges over the whole file.
	warc := filepath.Join(dir, "crawl.warc")
	got := jobs.Plan([]string{warc}, jobs.IngestArgs{}, 4<<10, bad)
	st, _ := os.Stat(warc)
	var end int64
	for _, a := range got {
		s, ok := gather.ParseWARCSlice(a.Source)
		if !ok || s.Start != end {
			t.Fatalf("slice %q does not follow %d", a.Source, end)
		}
		end = s.End
	}
	if len(got) < 5 || end != st.Size() {
		t.Errorf("%d slices ending at %d; want several, ending at %d", len(got), end, st.Size())
	}
}
