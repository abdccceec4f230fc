package warc

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// gzStream decompresses a gzipped WARC file member by member and hands
// the WARC library one plain stream. A .warc.gz is usually one gzip member
// per record, but `gzip crawl.warc` makes one member of the whole file,
// and some tools put several records in a member. The library reads one
// record per member and drains the rest of the member unread, so a
// whole-file gzip came out as its first record alone; decompressing here
// reads every record of every member, whatever the layout.
//
// It keeps where each member starts, in the decompressed stream and in the
// file, so that a record that starts a member is still reported at the
// member's file offset (the one a reader can seek to).
type gzStream struct {
	src     *bufio.Reader
	counted *countingReader // under src: bytes taken from the file
	zr      *gzip.Reader
	open    bool  // inside a member
	plain   int64 // decompressed bytes handed out
	// starts maps the decompressed offset at which a member starts to
	// the member's file offset; forget drops the ones behind the reader.
	starts map[int64]int64
	err    error
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func newGzStream(src io.Reader) *gzStream {
	c := &countingReader{r: src}
	return &gzStream{src: bufio.NewReaderSize(c, 64<<10), counted: c, starts: map[int64]int64{}}
}

// fileOffset is the file offset of the next compressed byte.
func (g *gzStream) fileOffset() int64 { return g.counted.n - int64(g.src.Buffered()) }

func (g *gzStream) Read(p []byte) (int, error) {
	for {
		if g.err != nil {
			return 0, g.err
		}
		if !g.open {
			if err := g.nextMember(); err != nil {
				g.err = err
				return 0, err
			}
		}
		n, err := g.zr.Read(p)
		g.plain += int64(n)
		if err == io.EOF {
			g.open = false // the member ended whole (checksum and size verified)
			err = nil
		} else if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			g.err = err
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
}

// nextMember starts the next gzip member, or returns io.EOF at the end of
// the file.
func (g *gzStream) nextMember() error {
	head, err := g.src.Peek(2)
	if len(head) == 0 && errors.Is(err, io.EOF) {
		return io.EOF
	}
	at := g.fileOffset()
	if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		return fmt.Errorf("%w: the bytes at file offset %d are not a gzip member", errNotGzip, at)
	}
	if g.zr == nil {
		g.zr, err = gzip.NewReader(g.src)
	} else {
		err = g.zr.Reset(g.src)
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	g.zr.Multistream(false)
	g.starts[g.plain] = at
	g.open = true
	return nil
}

// errNotGzip: something other than a gzip member follows a member.
var errNotGzip = errors.New("not gzip")

// fileOffset maps a decompressed offset to the file offset of the member
// starting there; ok is false when no member starts there (the record sits
// inside a member with others, as in a whole-file gzip).
func (g *gzStream) memberAt(plain int64) (file int64, ok bool) {
	file, ok = g.starts[plain]
	return file, ok
}

// forget drops what is known of members that start before plain: the
// reader never asks about them again, and a large file has many.
func (g *gzStream) forget(plain int64) {
	for k := range g.starts {
		if k < plain {
			delete(g.starts, k)
		}
	}
}
