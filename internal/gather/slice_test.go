package gather

import (
	"testing"

	"github.com/tally-news/tally/internal/warc"
)

func TestWARCSliceSource(t *testing.T) {
	s := WARCSlice{Path: "/data/a:b.warc.gz", Slice: warc.Slice{Start: 10, End: 2000, FirstNumber: 3}}
	got, ok := ParseWARCSlice(s.Source())
	if !ok || got != s {
		t.Errorf("round trip of %q: %+v %v", s.Source(), got, ok)
	}
	for _, src := range []string{"crawl.warc", "warc-slice:", "warc-slice:1-2:1:", "warc-slice:5-2:1:x", "warc-slice:1-2:0:x", "warc-slice:a-2:1:x", "warc-slice:1-2:x"} {
		if _, ok := ParseWARCSlice(src); ok {
			t.Errorf("ParseWARCSlice(%q) accepted", src)
		}
	}
}

func FuzzParseWARCSlice(f *testing.F) {
	f.Add("warc-slice:0-100:1:crawl.warc")
	f.Add("warc-slice:-1-5:2:x")
	f.Fuzz(func(t *testing.T, src string) {
		s, ok := ParseWARCSlice(src)
		if !ok {
			return
		}
		if s.Start < 0 || s.End < s.Start || s.FirstNumber < 1 || s.Path == "" {
			t.Fatalf("accepted %q as %+v", src, s)
		}
		if back, ok := ParseWARCSlice(s.Source()); !ok || back != s {
			t.Fatalf("%q: round trip %+v", src, back)
		}
	})
}
