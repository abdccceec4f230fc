package warc

import (
	"io"
	"os"
)

// Slice is a byte range of a WARC file that starts at a record: the
// records that start in [Start, End). A big crawl is cut into slices so
// that many workers read it at once, each only its own bytes.
type Slice struct {
	Start, End int64
	// FirstNumber is the number of the slice's first record in the
	// whole file (1 for the first slice).
	FirstNumber int
}

// Slices cuts the WARC file at path into slices of about size bytes,
// each starting at an HTML record (the only records whose file offsets
// the reader reports). A file gzipped whole has no record boundaries in
// the file, so it is one slice; so is a file smaller than size.
//
// It reads the file once through (without keeping it), which is much
// quicker than extracting its pages. Bad records are passed over: the
// slice holding one reports it when it is read.
func Slices(path string, size int64, opts Options) ([]Slice, error) {
	st, err := os.Stat(path)
	if err != nil {
		_, err = Open(path, opts) // the same message as a whole read
		return nil, err
	}
	whole := []Slice{{Start: 0, End: st.Size(), FirstNumber: 1}}
	r, err := Open(path, opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if st.Size() <= size {
		return whole, nil
	}
	slices := []Slice{{Start: 0, FirstNumber: 1}}
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			continue
		}
		if rec.InStream {
			return whole, nil
		}
		last := &slices[len(slices)-1]
		if rec.Offset-last.Start >= size {
			last.End = rec.Offset
			slices = append(slices, Slice{Start: rec.Offset, FirstNumber: rec.Number})
		}
	}
	slices[len(slices)-1].End = st.Size()
	return slices, nil
}

// OpenSlice opens one slice of the WARC file at path. Its records and
// errors are numbered and placed as in a reader of the whole file.
func OpenSlice(path string, s Slice, opts Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return Open(path, opts) // its message
	}
	opts.Start, opts.FirstNumber = s.Start, s.FirstNumber
	r, err := NewReader(io.NewSectionReader(f, s.Start, s.End-s.Start), path, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.file = f
	return r, nil
}
