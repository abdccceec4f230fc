package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gzipWhole gzips a plain WARC file as `gzip crawl.warc` does: the whole
// file one gzip member.
func gzipWhole(t *testing.T, plain []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// plainSample is the sample crawl as a plain WARC file's bytes.
func plainSample(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plain.warc")
	writeWARC(t, path, false, sample()...)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Every gzip layout is read whole: one member per record (Common Crawl),
// the whole file one member (`gzip crawl.warc`), several records in one
// member followed by one member per record, and members concatenated
// (`cat a.warc.gz b.warc.gz`).
func TestReadGzipLayouts(t *testing.T) {
	plain := plainSample(t)
	dir := t.TempDir()
	perRecord := filepath.Join(dir, "per-record.warc.gz")
	writeWARC(t, perRecord, true, sample()...)
	perRecordBytes, _ := os.ReadFile(perRecord)

	// The first four records in one member, the rest one member each.
	firstFour := filepath.Join(dir, "four.warc")
	writeWARC(t, firstFour, false, sample()[:4]...)
	four, _ := os.ReadFile(firstFour)
	rest := filepath.Join(dir, "rest.warc.gz")
	writeWARC(t, rest, true, sample()[4:]...)
	restBytes, _ := os.ReadFile(rest)
	mixed := append(gzipWhole(t, four), restBytes...)

	// Two whole-file gzips, one after the other.
	half := bytes.Index(plain[1:], []byte("WARC/1.1")) + 1 // the second record starts here
	concatenated := append(gzipWhole(t, plain[:half]), gzipWhole(t, plain[half:])...)

	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"per-record members", perRecordBytes},
		{"whole file one member", gzipWhole(t, plain)},
		{"several records in a member, then one each", mixed},
		{"whole-file gzips concatenated", concatenated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "crawl.warc.gz")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			res := readAllRecords(t, path, Options{MaxBody: 4 << 10})
			if got, want := strings.Join(res.pages, "\n"), strings.Join(samplePages, "\n"); got != want {
				t.Errorf("pages:\n%s\nwant:\n%s", got, want)
			}
			if len(res.errors) != 1 || !strings.Contains(res.errors[0], "record 9 at offset") || !strings.HasSuffix(res.errors[0], "HTML body larger than 4 KiB; skipped") {
				t.Errorf("errors = %q, want the one about record 9", res.errors)
			}
		})
	}
}

// A record inside a whole-file gzip has no file offset of its own: its
// offset is the decompressed stream's, and messages say so.
func TestReadWholeGzipOffsets(t *testing.T) {
	plain := plainSample(t)
	path := filepath.Join(t.TempDir(), "whole.warc.gz")
	os.WriteFile(path, gzipWhole(t, plain), 0o644)
	res := readAllRecords(t, path, Options{MaxBody: 4 << 10})
	at := bytes.Index(plain, []byte("https://news.example/huge"))
	start := int64(bytes.LastIndex(plain[:at], []byte("WARC/1.1")))
	want := fmt.Sprintf("%s: record 9 at offset %d of the decompressed stream (https://news.example/huge): HTML body larger than 4 KiB; skipped", path, start)
	if len(res.errors) != 1 || res.errors[0] != want {
		t.Errorf("errors = %q, want [%q]", res.errors, want)
	}
}

// Nothing is left unread without a word: a whole-file gzip cut short, or
// followed by bytes that are not gzip, ends with an error naming the
// record where reading stopped.
func TestReadWholeGzipDamaged(t *testing.T) {
	plain := plainSample(t)
	whole := gzipWhole(t, plain)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"cut short", whole[:len(whole)*2/3], "truncated record (the file ends inside it)"},
		{"trailing garbage", append(append([]byte{}, whole...), "not gzip at all"...), "the file goes on with data that is not gzip"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.warc.gz")
			os.WriteFile(path, tc.data, 0o644)
			res := readAllRecords(t, path, Options{MaxBody: 4 << 10})
			if len(res.errors) == 0 || !strings.Contains(res.errors[len(res.errors)-1], tc.want) {
				t.Fatalf("errors = %q, want the last to say %q", res.errors, tc.want)
			}
			if tc.name == "trailing garbage" && len(res.pages) != len(samplePages) {
				t.Errorf("pages = %q, want all %d", res.pages, len(samplePages))
			}
		})
	}
}
