package warc

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"testing"
)

// readSlices reads every record of the slices in turn: "number offset uri"
// for pages, the message for errors.
func readSlices(t *testing.T, path string, ss []Slice, opts Options) []string {
	t.Helper()
	var got []string
	for _, s := range ss {
		r, err := OpenSlice(path, s, opts)
		if err != nil {
			t.Fatal(err)
		}
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				got = append(got, err.Error())
				continue
			}
			got = append(got, fmt.Sprintf("%d %d %s", rec.Number, rec.Offset, rec.TargetURI))
		}
		r.Close()
	}
	return got
}

// Read slice by slice, a WARC gives the same records, numbered and placed
// the same, as read whole; slices cover the file without gaps.
func TestSlices(t *testing.T) {
	for _, gz := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "s.warc")
		if gz {
			path += ".gz"
		}
		writeWARC(t, path, gz, sample()...)
		opts := Options{MaxBody: 4 << 10} // the huge page is an error
		whole := readSlices(t, path, []Slice{{Start: 0, End: 1 << 40, FirstNumber: 1}}, opts)
		if len(whole) != 6 {
			t.Fatalf("gz %v: whole file read as %q", gz, whole)
		}
		for _, size := range []int64{1, 200, 1 << 30} {
			ss, err := Slices(path, size, opts)
			if err != nil {
				t.Fatal(err)
			}
			want := 1
			if size == 1 {
				want = 6 // one a page or bad page: each starts one
			}
			if size < 1<<30 && len(ss) < want || size == 1<<30 && len(ss) != 1 {
				t.Errorf("gz %v size %d: %d slices %v", gz, size, len(ss), ss)
			}
			for i := 1; i < len(ss); i++ {
				if ss[i].Start != ss[i-1].End {
					t.Errorf("gz %v size %d: gap between slices %v", gz, size, ss)
				}
			}
			if got := readSlices(t, path, ss, opts); !slices.Equal(got, whole) {
				t.Errorf("gz %v size %d: slices read\n%q\nwant\n%q", gz, size, got, whole)
			}
		}
	}
}

// A file that is not a WARC gets the message of a whole read.
func TestSlicesBadFile(t *testing.T) {
	if _, err := Slices(filepath.Join(t.TempDir(), "none.warc"), 10, Options{}); err == nil {
		t.Error("no error for a missing file")
	}
}
