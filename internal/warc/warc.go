// Package warc reads web archives (WARC 1.0/1.1: plain, with each record
// gzipped as Common Crawl and the Internet Archive write them, or gzipped
// whole) as a stream of the HTML pages they hold.
//
// Records are parsed by github.com/nlnwa/gowarc/v3 (the National Library
// of Norway's WARC library: a lenient streaming reader with per-record
// gzip, validation and record offsets). It never holds a file in memory:
// each record's block is kept in memory up to 1 MiB and spilled to a
// temporary file beyond that, and is released when the next record is
// read, so memory stays flat whatever the file's size.
//
// This package keeps the response (and resource) records whose HTTP
// payload is HTML, de-chunks and decodes their bodies, caps their size,
// and turns every problem into one *Error that names the file, the record
// number and its byte offset (DESIGN.md, "Bad input").
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// DefaultMaxBody caps one record's decoded HTTP body.
const DefaultMaxBody = 10 << 20

// Options control a Reader.
type Options struct {
	// MaxBody caps a record's decoded body; a larger HTML page is skipped
	// with an error. 0 means DefaultMaxBody.
	MaxBody int64
	// TempDir is where records over 1 MiB are spilled while they are
	// read; "" means the system's temporary directory.
	TempDir string
	// Start, for a reader of one slice of a file (a job's byte range, see
	// gather.WARCSlice), is the file offset the stream begins at, and
	// FirstNumber the number of its first record in the whole file, so
	// that records and errors are named as a reader of the whole file
	// names them. Zero for a whole file.
	Start       int64
	FirstNumber int
}

// Record is one HTML page from the archive.
type Record struct {
	Number int   // 1-based position among all the file's records
	Offset int64 // byte offset of the record (of its gzip member in a .warc.gz)
	// InStream is set when Offset is in the decompressed stream rather
	// than the file: the record shares its gzip member with others (a
	// whole-file gzip), so no file offset starts it.
	InStream    bool
	TargetURI   string    // WARC-Target-URI: the page's URL
	Date        time.Time // WARC-Date: when it was archived
	ContentType string    // the HTTP Content-Type, e.g. "text/html; charset=utf-8"
	Body        []byte    // the HTTP body, de-chunked and decoded
}

// Error is a problem with a WARC file or with one of its records.
type Error struct {
	File      string // the file as named by the caller
	Record    int    // 1-based record number; 0 for the whole file
	Offset    int64  // byte offset of the record
	InStream  bool   // Offset is in the decompressed stream (see Record.InStream)
	TargetURI string // the record's URL, when known
	Reason    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Record > 0 {
		fmt.Fprintf(&b, ": record %d at offset %d", e.Record, e.Offset)
		if e.InStream {
			b.WriteString(" of the decompressed stream")
		}
		if e.TargetURI != "" {
			fmt.Fprintf(&b, " (%s)", e.TargetURI)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Reader reads HTML pages from one WARC file.
type Reader struct {
	name   string
	file   io.Closer // the opened file, for Open; nil for NewReader
	wr     *gowarc.WarcFileReader
	gz     *gzStream // the decompressor of a gzipped file; nil for a plain one
	opts   Options
	n      int   // records read so far
	end    int64 // offset just past the last record read
	done   bool
	closed bool
}

// Open opens the WARC file at path. A file that does not start with a
// WARC record (plain or gzipped) is refused at once, before any of it is
// scanned.
func Open(path string, opts Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		reason := "cannot open: " + err.Error()
		switch {
		case errors.Is(err, os.ErrNotExist):
			reason = "no such file; check the path"
		case errors.Is(err, os.ErrPermission):
			reason = "permission denied"
		}
		return nil, &Error{File: path, Reason: reason}
	}
	r, err := NewReader(f, path, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.file = f
	return r, nil
}

// NewReader reads a WARC stream; name is used in errors. The caller closes
// src (Close does not).
func NewReader(src io.Reader, name string, opts Options) (*Reader, error) {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	br := bufio.NewReaderSize(src, 64<<10)
	gzipped, err := checkStart(br)
	if err != nil {
		return nil, &Error{File: name, Reason: err.Error()}
	}
	var stream io.Reader = br
	var gz *gzStream
	if gzipped {
		gz = newGzStream(br)
		stream = gz
	}
	ropts := []gowarc.WarcRecordOption{
		// Lenient: real archives have small syntax slips (a missing CR,
		// a wrong digest) that cost nothing to read past. Spec
		// violations are collected, not fatal, and Next looks at them
		// for truncation.
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	}
	if opts.TempDir != "" {
		ropts = append(ropts, gowarc.WithBufferTmpDir(opts.TempDir))
	}
	wr, err := gowarc.NewWarcFileReaderFromStream(stream, 0, ropts...)
	if err != nil {
		return nil, &Error{File: name, Reason: "cannot read: " + err.Error()}
	}
	r := &Reader{name: name, wr: wr, gz: gz, opts: opts}
	if opts.FirstNumber > 0 {
		r.n = opts.FirstNumber - 1
	}
	return r, nil
}

// checkStart refuses input that does not begin with a WARC record, plain
// or gzipped: without it the library would scan a whole non-WARC file
// byte by byte looking for one. gzipped reports a gzipped file.
func checkStart(br *bufio.Reader) (gzipped bool, err error) {
	head, err := br.Peek(5)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return false, fmt.Errorf("cannot read: %v", err)
		}
		return false, errors.New("empty file")
	}
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		head, _ = br.Peek(64 << 10)
		zr, err := gzip.NewReader(bytes.NewReader(head))
		if err != nil {
			return false, fmt.Errorf("not a WARC file: bad gzip header (%v)", err)
		}
		inner := make([]byte, 5)
		n, _ := io.ReadFull(zr, inner)
		head = inner[:n]
		if string(head) != "WARC/" {
			return false, errors.New(`not a WARC file: a gzip file whose content does not start with "WARC/"`)
		}
		return true, nil
	}
	if string(head) != "WARC/" {
		return false, errors.New(`not a WARC file: it does not start with "WARC/" (nor with a gzipped WARC record)`)
	}
	return false, nil
}

// fileOffset turns an offset in the stream the library reads into one in
// the file: the same for a plain file; for a gzipped one, the offset of
// the gzip member that starts there. A record inside a member that holds
// others (a whole-file gzip) has no file offset of its own: inStream is
// then set and the offset is the one in the decompressed stream.
func (r *Reader) fileOffset(stream int64) (offset int64, inStream bool) {
	if r.gz == nil {
		return r.opts.Start + stream, false
	}
	if file, ok := r.gz.memberAt(stream); ok {
		return r.opts.Start + file, false
	}
	return stream, true
}

// Next returns the next HTML page. It returns io.EOF at the end of the
// file. Any other error is an *Error about one record: when the record
// could be read past (too large, truncated body, undecodable body), the
// next call goes on with the next record; when it could not (a broken
// gzip member, a header that does not parse), the rest of the file is
// skipped, the error says so, and the next call returns io.EOF.
//
// Records that are not HTML pages — requests, metadata, revisits,
// redirects, images, scripts — are passed over silently.
func (r *Reader) Next() (rec Record, err error) {
	for {
		if r.done || r.closed {
			return Record{}, io.EOF
		}
		rec, skip, err := r.next()
		if err != nil || !skip {
			return rec, err
		}
	}
}

func (r *Reader) next() (out Record, skip bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.done = true
			out, skip = Record{}, false
			at, in := r.fileOffset(r.end)
			err = &Error{File: r.name, Record: r.n, Offset: at, InStream: in, Reason: fmt.Sprintf("cannot parse record (internal error: %v); the rest of the file is skipped", p)}
		}
	}()
	wrec, err := r.wr.Next()
	defer wrec.Close()
	// io.EOF with nothing read since the last record is the clean end;
	// after some bytes it means the file stops inside a record.
	if errors.Is(err, io.EOF) && wrec.WarcRecord == nil && wrec.Offset+wrec.Size <= r.end {
		r.done = true
		return Record{}, false, io.EOF
	}
	r.n++
	if err != nil {
		r.done = true
		reason := fatalReason(err)
		if !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			reason += "; the rest of the file is skipped" // there is a rest
		}
		at, in := r.fileOffset(r.end)
		return Record{}, false, &Error{File: r.name, Record: r.n, Offset: at, InStream: in, Reason: reason}
	}
	offset, inStream := r.fileOffset(wrec.Offset)
	r.end = wrec.Offset + wrec.Size
	if r.gz != nil {
		r.gz.forget(wrec.Offset)
	}
	wr := wrec.WarcRecord
	e := &Error{File: r.name, Record: r.n, Offset: offset, InStream: inStream, TargetURI: wr.WarcHeader().Get(gowarc.WarcTargetURI)}
	if reason := truncation(wrec.Validation); reason != "" {
		e.Reason = reason
		return Record{}, false, e
	}
	if wr.Type() != gowarc.Response && wr.Type() != gowarc.Resource {
		return Record{}, true, nil
	}
	page, ok, reason := r.payload(wr)
	if reason != "" {
		e.Reason = reason
		return Record{}, false, e
	}
	if !ok {
		return Record{}, true, nil
	}
	page.Number, page.Offset, page.InStream, page.TargetURI = r.n, offset, inStream, e.TargetURI
	page.Date, _ = wr.Date()
	return page, false, nil
}

// fatalReason words an error after which the reader cannot find the next
// record.
func fatalReason(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "truncated record (the file ends inside it)"
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader),
		strings.HasPrefix(err.Error(), "gzip: "), strings.HasPrefix(err.Error(), "flate: "):
		// The library decompresses with klauspost/compress, whose errors
		// are not the standard library's values.
		return "corrupt gzip member (" + err.Error() + ")"
	case errors.Is(err, errNotGzip):
		return "the file goes on with data that is not gzip (" + err.Error() + ")"
	case errors.Is(err, gowarc.ErrNoRecord):
		return "no WARC record where one should start (" + err.Error() + ")"
	}
	return "malformed record (" + err.Error() + ")"
}

// truncation finds, among the library's validation findings, the ones that
// mean the record's block is not all there (or cannot be delimited); the
// others (a missing CR, a wrong digest) do not stop a page being read.
func truncation(validation []error) string {
	for _, v := range validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			return fmt.Sprintf("truncated record: Content-Length is %d bytes, the file holds %d", cl.Expected, cl.Actual)
		}
	}
	for _, v := range validation {
		// The library's words for a record whose end-of-record marker
		// is missing because the input stopped.
		if msg := v.Error(); strings.Contains(msg, "unexpected end of record") || strings.Contains(msg, "too few bytes in end of record marker") {
			return "truncated record (the file ends inside it)"
		}
	}
	for _, v := range validation {
		if msg := v.Error(); strings.Contains(msg, "missing required field: Content-Length") {
			return "malformed record: its header has no Content-Length"
		}
	}
	return ""
}

// Close releases the reader and closes the file Open opened.
func (r *Reader) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	err := r.wr.Close()
	if r.file != nil {
		if cerr := r.file.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// ReadFile calls fn for each HTML page in the WARC file at path and bad for
// each problem (a bad record, or the whole file when it cannot be read).
// It stops early, returning fn's error, when fn returns one.
func ReadFile(path string, opts Options, fn func(Record) error, bad func(error)) error {
	r, err := Open(path, opts)
	if err != nil {
		bad(err)
		return nil
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			bad(err)
			continue
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}
