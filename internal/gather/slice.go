package gather

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/tally-news/tally/internal/feed"
	"github.com/tally-news/tally/internal/warc"
)

// WARCSlice is a byte range of a WARC file (see warc.Slice) as a source
// of its own, so that the slices of one big crawl go to many workers (the
// jobs of `tally ingest --queue`). Its pages are named as those of the
// whole file are ("crawl.warc.gz record 17"), so a ledger filled slice by
// slice is the ledger filled from the whole file.
type WARCSlice struct {
	Path string
	warc.Slice
}

// slicePrefix starts a WARCSlice's source string.
const slicePrefix = "warc-slice:"

// Source is the slice as a SOURCE argument for Gather:
// "warc-slice:START-END:FIRST:PATH".
func (s WARCSlice) Source() string {
	return fmt.Sprintf("%s%d-%d:%d:%s", slicePrefix, s.Start, s.End, s.FirstNumber, s.Path)
}

// ParseWARCSlice reads a Source string back; ok is false for any other
// source.
func ParseWARCSlice(src string) (s WARCSlice, ok bool) {
	rest, ok := strings.CutPrefix(src, slicePrefix)
	if !ok {
		return s, false
	}
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) != 3 {
		return s, false
	}
	from, to, ok := strings.Cut(parts[0], "-")
	var err [3]error
	s.Start, err[0] = strconv.ParseInt(from, 10, 64)
	s.End, err[1] = strconv.ParseInt(to, 10, 64)
	s.FirstNumber, err[2] = strconv.Atoi(parts[1])
	s.Path = parts[2]
	if !ok || err[0] != nil || err[1] != nil || err[2] != nil || s.Start < 0 || s.End < s.Start || s.FirstNumber < 1 || s.Path == "" {
		return s, false
	}
	return s, true
}

// PlanWARC cuts the WARC file at path into slices of about size bytes.
func PlanWARC(path string, size int64, maxBody int64) ([]WARCSlice, error) {
	ss, err := warc.Slices(path, size, warc.Options{MaxBody: maxBody})
	if err != nil {
		return nil, err
	}
	out := make([]WARCSlice, len(ss))
	for i, s := range ss {
		out[i] = WARCSlice{Path: path, Slice: s}
	}
	return out, nil
}

// warcSlice streams one slice's HTML pages to the workers.
func (g *gatherer) warcSlice(s WARCSlice) {
	r, err := warc.OpenSlice(s.Path, s.Slice, warc.Options{MaxBody: g.client.Options().MaxBytes})
	if err != nil {
		g.report(s.Path, err)
		return
	}
	g.warcRecords(s.Path, r)
}

// IsWARC says whether the file at path is read as a WARC file.
func IsWARC(path string) bool {
	k := fileKind(path)
	return k == kindWARC || k == kindSniff && sniffFile(path) == kindWARC
}

// Inputs walks dir as Gather does (lexical order, hidden files and
// folders passed over) and calls fn with each file Gather would read,
// ignored with each it would pass over as no document, and bad with
// each it cannot walk. A queue makes each file a job of its own.
func Inputs(dir string, fn func(path string), ignored func(path string), bad func(error)) {
	walkFiles(context.Background(), dir, func(path string) {
		if isInput(path) {
			fn(path)
		} else {
			ignored(path)
		}
	}, func(origin string, err error) { bad(&Error{Origin: origin, Err: err}) })
}

// isInput: a file a folder walk reads (a .xml or .json file only when it
// holds a feed).
func isInput(path string) bool {
	switch fileKind(path) {
	case kindDocument, kindWARC, kindSniff:
		return true
	case kindFeed:
		f, err := os.Open(path)
		if err != nil {
			return true // reading it reports the error
		}
		defer f.Close()
		head, _ := bufio.NewReaderSize(f, 64<<10).Peek(64 << 10)
		return feed.Sniff(head)
	}
	return false
}
